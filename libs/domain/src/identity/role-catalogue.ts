import { ROLES, type Role, impliedRoles } from '../roles';

/**
 * Skranke's system roles as an identity provider or OS2rollekatalog reads them: one source for the
 * published file (docs/role-catalogue.json), the endpoint GET /api/v1/auth/role-catalogue and the
 * sign-in's role mapping. Suppliers publish system roles; each municipality bundles them into its
 * own job-function roles (jobfunktionsroller) and grants those per site.
 */
export interface CatalogueRole {
  /** The role as Skranke names it (`admin`, …): what a plain role attribute or claim may carry. */
  id: Role;
  /** A stable URI for OIO-BPP privileges and OS2rollekatalog (KOMBIT's `…/roles/usersystemrole/<name>/1` pattern). */
  identifier: string;
  name: { da: string; en: string };
  description: { da: string; en: string };
  /** Every role this one includes (itself first), as Skranke's access checks apply them. */
  implies: Role[];
}

export const ROLE_IDENTIFIER_BASE = 'https://skranke.dk/roles/usersystemrole';
export const roleIdentifier = (role: Role) => `${ROLE_IDENTIFIER_BASE}/${role}/1`;

const TEXTS: Record<Role, Pick<CatalogueRole, 'name' | 'description'>> = {
  admin: {
    name: { da: 'Administrator', en: 'Administrator' },
    description: {
      da: 'Opsætter borgerservicen: ydelser, skranker, enheder (kiosker og skærme), brugere og deres roller, indstillinger og sletning af personoplysninger; læser revisionsloggen. Kan alt, hvad de øvrige roller kan.',
      en: 'Sets up the citizen-service centre: services, counters, devices (kiosks and displays), users and their roles, settings and erasure of personal data; reads the audit log. May do all the other roles may.',
    },
  },
  supervisor: {
    name: { da: 'Teamleder', en: 'Supervisor' },
    description: {
      da: 'Leder dagen: dashboard, skrankeplan, skrankernes ydelser, bookingandele og lukkedage; ser statistik. Kan alt, hvad gulvvært, skrankemedarbejder og statistiklæser kan.',
      en: 'Runs the day: dashboard, counter plan, the services counters serve, booking shares and closures; reads statistics. May do all floor, counter and reports staff may.',
    },
  },
  floor: {
    name: { da: 'Gulvvært', en: 'Floor walker' },
    description: {
      da: 'Tager imod borgere i venteområdet: registrerer henvendelser, trækker numre for borgere, sætter prioritet, flytter og annullerer numre og kvitterer for alarmer.',
      en: 'Receives citizens in the waiting room: records encounters, takes tickets for citizens, sets priority, transfers and cancels tickets, acknowledges alerts.',
    },
  },
  counter: {
    name: { da: 'Skrankemedarbejder', en: 'Counter staff' },
    description: {
      da: 'Betjener borgere ved en skranke: åbner, pauser og lukker skranken, kalder næste borger, genkalder, starter og afslutter betjeningen.',
      en: 'Serves citizens at a counter: opens, pauses and closes the counter, calls the next citizen, recalls, starts and finishes the service.',
    },
  },
  reports: {
    name: { da: 'Statistiklæser', en: 'Reports reader' },
    description: {
      da: 'Læser statistik og rapporter for borgerservicen (ventetider, betjeninger, servicemål) uden at betjene borgere eller ændre opsætningen.',
      en: 'Reads the centre’s statistics and reports (waits, services, targets) without serving citizens or changing the setup.',
    },
  },
  integration: {
    name: { da: 'Integrationsadministrator', en: 'Integration administrator' },
    description: {
      da: 'Forbinder andre systemer (bookingportal, sagssystem, datavarehus): opretter og vedligeholder webhooks og læser hændelsesfeedet. Typisk en rolle for IT-afdelingen.',
      en: 'Connects other systems (booking portal, case system, data warehouse): manages webhooks and reads the event feed. Typically an IT department’s role.',
    },
  },
};

export const ROLE_CATALOGUE: readonly CatalogueRole[] = ROLES.map((id) => ({ id, identifier: roleIdentifier(id), ...TEXTS[id], implies: impliedRoles(id) }));

/** The role a plain name (`admin`) or a catalogue identifier (`…/usersystemrole/admin/1`) names, else null. */
export function catalogueRole(value: string): Role | null {
  const v = value.trim();
  const plain = ROLES.find((r) => r === v);
  if (plain) return plain;
  return ROLE_CATALOGUE.find((r) => r.identifier === v)?.id ?? null;
}

/** The published document: the roles, plus the same list in the shape OS2rollekatalog's IT-system import reads (identifier, name, description; Danish). */
export function roleCatalogueDocument() {
  return {
    system: { identifier: 'skranke', name: 'Skranke', description: 'Kø- og skrankestyring til borgerservice' },
    roles: [...ROLE_CATALOGUE],
    os2rollekatalog: {
      identifier: 'skranke',
      name: 'Skranke',
      systemRoles: ROLE_CATALOGUE.map((r) => ({ identifier: r.identifier, name: r.name.da, description: r.description.da })),
    },
  };
}

/** The file's exact text (docs/role-catalogue.json), so a test can hold it to the source. */
export const roleCatalogueFileText = () => `${JSON.stringify(roleCatalogueDocument(), null, 2)}\n`;
