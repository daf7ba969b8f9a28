#!/usr/bin/env node
// The `hangar` command. Hangar runs its TypeScript sources directly through tsx, so there is no
// build step between a checkout and a running gateway.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
