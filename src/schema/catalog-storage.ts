import type { CatalogStorage as CatalogStorageShape } from '../providers/contract.js'
import { builder } from './builder.js'

/** A storage a new server's disks can go on (a Proxmox storage): what `options.storage` takes. */
export const CatalogStorage = builder.objectRef<CatalogStorageShape>('CatalogStorage').implement({
  description: "A storage a new server's disks can go on (a Proxmox storage); its id is what `options.storage` takes.",
  fields: (t) => ({
    id: t.exposeString('id'),
    location: t.exposeString('location'),
    type: t.exposeString('type', { description: 'lvmthin, dir, nfs, zfspool, ...' }),
    content: t.exposeStringList('content', { description: 'What it holds: images, rootdir, iso, vztmpl, ...' }),
    shared: t.exposeBoolean('shared', {
      description: 'Reached by every location: a copy onto another node needs no migration.',
    }),
    availableGb: t.exposeInt('availableGb', { nullable: true, description: 'Free space, GB.' }),
  }),
})
