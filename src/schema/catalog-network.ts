import type { CatalogNetwork as CatalogNetworkShape } from '../providers/contract.js'
import { builder } from './builder.js'

/** A network a new server can join (a Proxmox bridge): what `options.bridge` takes. */
export const CatalogNetwork = builder.objectRef<CatalogNetworkShape>('CatalogNetwork').implement({
  description: 'A network a new server can join (a Proxmox bridge); its id is what `options.bridge` takes.',
  fields: (t) => ({
    id: t.exposeString('id'),
    location: t.exposeString('location'),
    description: t.exposeString('description', { nullable: true, description: 'Its address or comment.' }),
  }),
})
