import type { Services } from '../../core/services.js';

/**
 * A random key id not yet used in the scheme. Checked before inserting because provisioning runs
 * in one transaction, where a unique violation (on PostgreSQL) would abort everything.
 */
export async function freeKeyId(services: Services, scheme: string, generate: () => string): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const id = generate();
    if (!(await services.tenants.findCredential(scheme, id))) return id;
  }
  throw new Error(`could not find a free ${scheme} key id`);
}
