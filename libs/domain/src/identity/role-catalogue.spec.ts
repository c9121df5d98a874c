import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROLES, hasRole } from '../roles';
import { ROLE_CATALOGUE, catalogueRole, roleCatalogueFileText, roleIdentifier } from './role-catalogue';

test('docs/role-catalogue.json is the catalogue as the source has it (run `npm run role-catalogue` after a change)', () => {
  expect(readFileSync(resolve(__dirname, '../../../../docs/role-catalogue.json'), 'utf8')).toBe(roleCatalogueFileText());
});

test('every system role is in the catalogue once, with Danish and English texts', () => {
  expect(ROLE_CATALOGUE.map((r) => r.id)).toEqual([...ROLES]);
  for (const r of ROLE_CATALOGUE) {
    expect(r.name.da.length).toBeGreaterThan(2);
    expect(r.description.da.length).toBeGreaterThan(40);
    expect(r.description.en.length).toBeGreaterThan(40);
    expect(new Set(ROLE_CATALOGUE.map((x) => x.identifier)).size).toBe(ROLES.length);
  }
});

test('what each role implies is what the access checks apply', () => {
  for (const r of ROLE_CATALOGUE) {
    for (const other of ROLES) expect(r.implies.includes(other)).toBe(hasRole([{ siteId: 's', role: r.id }], 's', [other]));
    expect(r.implies[0]).toBe(r.id);
  }
});

test('a role is named by its plain name or its identifier, nothing else', () => {
  expect(catalogueRole('admin')).toBe('admin');
  expect(catalogueRole(roleIdentifier('reports'))).toBe('reports');
  expect(catalogueRole(' counter ')).toBe('counter');
  expect(catalogueRole('Admin')).toBeNull();
  expect(catalogueRole('https://skranke.dk/roles/usersystemrole/root/1')).toBeNull();
  expect(catalogueRole('')).toBeNull();
});
