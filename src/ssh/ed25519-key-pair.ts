import ssh2 from 'ssh2'

/** An Ed25519 key pair in OpenSSH format. */
export interface KeyPair {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----...` */
  private: string
  /** `ssh-ed25519 AAAA... comment` */
  public: string
}

/** Far more than ever needed: about one key in two hundred is unreadable. */
const ATTEMPTS = 20

/**
 * A new Ed25519 key pair that ssh2 can read back. ssh2's own generator writes about one private
 * key in two hundred that its parser then refuses ("Malformed OpenSSH private key"): a deployment
 * given one could never log in to its guest, and a simulated guest given one as its host key
 * could never listen. Such a key is thrown away and another one made.
 */
export function generateEd25519KeyPair(comment: string): KeyPair {
  for (let attempt = 1; ; attempt += 1) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment })
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair
    if (attempt >= ATTEMPTS) throw new Error(`could not make a readable Ed25519 key in ${ATTEMPTS} attempts`)
  }
}
