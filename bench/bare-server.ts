/**
 * The baseline of `npm run bench`: a bare node:http server that answers every request with the
 * same JSON the gateway returns for the benchmarked query, so the ratio shows what the gateway's
 * GraphQL layer costs. Reads the body from the file named by argv[2]; prints its URL.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const body = readFileSync(process.argv[2]!)
const server = createServer((request, response) => {
  request.resume()
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/graphql-response+json; charset=utf-8',
      'content-length': body.length,
    })
    response.end(body)
  })
})
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }))
})
