import { mapRoleClaims, roleClaimValues } from './role-mapping';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const sites = [
  { id: A, slug: 'aarhus-borgerservice' },
  { id: B, slug: 'viby' },
];

describe('mapping role claims to site roles', () => {
  it('gives the roles of every entry whose claim the user holds, each once', () => {
    const entries = [
      { claim: 'Skranke.Floor', siteId: A, role: 'floor' as const },
      { claim: 'Skranke.Floor', siteId: B, role: 'floor' as const },
      { claim: 'Skranke.Admin', siteId: A, role: 'admin' as const },
      { claim: 'Skranke.Counter', siteId: A, role: 'floor' as const },
    ];
    expect(mapRoleClaims(['Skranke.Floor', 'Skranke.Counter', 'Other.App.Role'], entries, sites)).toEqual([
      { siteId: A, role: 'floor' },
      { siteId: B, role: 'floor' },
    ]);
  });

  it('matches claims exactly: another case or a prefix gives nothing', () => {
    const entries = [{ claim: 'Skranke.Floor', siteId: A, role: 'floor' as const }];
    expect(mapRoleClaims(['skranke.floor', 'Skranke.Floo', 'Skranke.Floor '], entries, sites)).toEqual([]);
  });

  it('follows the convention skranke:<siteSlug>:<role> for sites that exist and roles Skranke has', () => {
    expect(mapRoleClaims(['skranke:viby:counter', 'skranke:aarhus-borgerservice:supervisor', 'skranke:nowhere:admin', 'skranke:viby:superuser', 'skranke:viby'], [], sites)).toEqual([
      { siteId: A, role: 'supervisor' },
      { siteId: B, role: 'counter' },
    ]);
  });

  it('reads the claim as Entra sends it (an array) or as a single value; anything else is no role', () => {
    expect(roleClaimValues(['a', 'b', 'a', 7, ''])).toEqual(['a', 'b']);
    expect(roleClaimValues('CN=Skranke Skranke,OU=Grupper')).toEqual(['CN=Skranke Skranke,OU=Grupper']);
    expect(roleClaimValues(undefined)).toEqual([]);
    expect(roleClaimValues({ roles: ['a'] })).toEqual([]);
  });
});
