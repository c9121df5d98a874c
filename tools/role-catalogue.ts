/**
 * Writes docs/role-catalogue.json from libs/domain's role catalogue (the one source); run
 * `npm run role-catalogue` after changing a role or its text. libs/domain's role-catalogue.spec.ts fails while they differ.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { roleCatalogueFileText } from '../libs/domain/src/identity/role-catalogue';

writeFileSync(resolve(__dirname, '..', 'docs', 'role-catalogue.json'), roleCatalogueFileText());
