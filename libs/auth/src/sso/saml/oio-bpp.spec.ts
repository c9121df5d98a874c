import { SITE_CONSTRAINT, parsePrivilegeList, privilegeClaims } from './oio-bpp';

const ADMIN = 'https://skranke.dk/roles/usersystemrole/admin/1';
const COUNTER = 'https://skranke.dk/roles/usersystemrole/counter/1';
const ORG = 'http://sts.kombit.dk/constraints/orgenhed/1';

/** As KOMBIT's Context Handler sends it (OIO-BPP 1.2, namespaced root, groups scoped to the municipality's CVR). */
const LIST = `<?xml version="1.0" encoding="UTF-8"?>
<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189846">
    <Privilege>${COUNTER}</Privilege>
    <Constraint Name="${SITE_CONSTRAINT}">aarhus-rathus</Constraint>
    <Constraint Name="${ORG}">7c6a0e9f-1d3b-4e8a-9b52-3f0c2d1e4a77</Constraint>
  </PrivilegeGroup>
  <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189846">
    <Privilege>${ADMIN}</Privilege>
    <Privilege>http://other-system.dk/roles/usersystemrole/reader/1</Privilege>
  </PrivilegeGroup>
</bpp:PrivilegeList>`;

test('reads privileges, scopes and constraints from the base64 attribute value', () => {
  const privileges = parsePrivilegeList(Buffer.from(LIST).toString('base64'));
  expect(privileges).toEqual([
    {
      privilege: COUNTER,
      scope: 'urn:dk:gov:saml:cvrNumberIdentifier:29189846',
      constraints: [
        { name: SITE_CONSTRAINT, value: 'aarhus-rathus' },
        { name: ORG, value: '7c6a0e9f-1d3b-4e8a-9b52-3f0c2d1e4a77' },
      ],
    },
    { privilege: ADMIN, scope: 'urn:dk:gov:saml:cvrNumberIdentifier:29189846', constraints: [] },
    { privilege: 'http://other-system.dk/roles/usersystemrole/reader/1', scope: 'urn:dk:gov:saml:cvrNumberIdentifier:29189846', constraints: [] },
  ]);
  expect(parsePrivilegeList(LIST)).toEqual(privileges);
});

test('gives claims for the mapping: unconstrained privileges as sent, constrained ones per constraint, a site constraint as the convention', () => {
  expect(privilegeClaims(parsePrivilegeList(LIST)).sort()).toEqual(
    [
      ADMIN,
      'http://other-system.dk/roles/usersystemrole/reader/1',
      `${COUNTER}|${SITE_CONSTRAINT}=aarhus-rathus`,
      `${COUNTER}|${ORG}=7c6a0e9f-1d3b-4e8a-9b52-3f0c2d1e4a77`,
      'skranke:aarhus-rathus:counter',
    ].sort(),
  );
});

test('a constrained privilege never counts unconstrained, and only a catalogue role becomes the convention', () => {
  const claims = privilegeClaims([{ privilege: 'http://x.dk/roles/usersystemrole/admin/1', scope: null, constraints: [{ name: SITE_CONSTRAINT, value: 'a' }] }]);
  expect(claims).toEqual([`http://x.dk/roles/usersystemrole/admin/1|${SITE_CONSTRAINT}=a`]);
});

test('refuses what is not a PrivilegeList', () => {
  for (const bad of ['', 'bm90IHhtbA==', '<Other/>', Buffer.from('<bpp:PrivilegeList xmlns:bpp="x"><PrivilegeGroup>').toString('base64')]) {
    expect(() => parsePrivilegeList(bad)).toThrow();
  }
});
