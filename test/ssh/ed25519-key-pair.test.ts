import ssh2 from 'ssh2'
import { describe, expect, it } from 'vitest'
import { generateEd25519KeyPair } from '../../src/ssh/ed25519-key-pair.js'

describe('generateEd25519KeyPair', () => {
  it('makes only keys ssh2 can read back (its own generator misses about one in two hundred)', () => {
    const unreadable = Array.from({ length: 1500 }, (_, index) =>
      generateEd25519KeyPair(`hangar-deployment-${index}`),
    ).filter((pair) => ssh2.utils.parseKey(pair.private) instanceof Error)
    expect(unreadable).toEqual([])
  })

  it('gives the public half with its comment, as a deployment authorises it', () => {
    const pair = generateEd25519KeyPair('hangar-deployment-web')
    expect(pair.public).toMatch(/^ssh-ed25519 [A-Za-z0-9+/=]+ hangar-deployment-web$/)
  })
})
