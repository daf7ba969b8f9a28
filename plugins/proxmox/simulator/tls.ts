import { generate } from 'selfsigned'

/** Key and certificate for the simulator's HTTPS listener. */
export interface SimulatorCertificate {
  key: string
  /** PEM of the self-signed certificate; clients trust it as their CA. */
  cert: string
}

/** Generates a self-signed certificate for `127.0.0.1` and `localhost`, like a fresh PVE node's own CA. */
export async function generateCertificate(): Promise<SimulatorCertificate> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  })
  return { key: pems.private, cert: pems.cert }
}
