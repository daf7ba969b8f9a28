import type { Hangar } from '../hangar.js'

/** What every resolver receives. */
export interface GatewayContext {
  hangar: Hangar
}
