import type { ServerSpec } from '../../src/providers/contract.js'

/**
 * The server the Kamatera tests make, as a provider's `createServer` takes it (and, with
 * `provider`, as the gateway's `CreateServerInput`): Ubuntu 24.04 in EU, 2 cores, 2048 MB, 20 GB.
 */
export const kamateraServerSpec = (name: string, password: string): ServerSpec => ({
  name,
  location: 'EU',
  image: 'Ubuntu Server version 24.04 LTS (noble) 64-bit',
  cpu: 2,
  memoryMb: 2048,
  diskGb: 20,
  password,
})
