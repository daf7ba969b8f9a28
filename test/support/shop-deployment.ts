import { sendOver } from './graphql-client.js'

/**
 * Asks the gateway at `url`, as the holder of `token`, to deploy acme/shop (Django) on a VM named
 * `name`, without waiting for it; answers the deployment's id.
 */
export async function startShopDeployment(url: string, token: string, name: string): Promise<string> {
  const created = await sendOver(
    'http',
    url,
    token,
    'mutation ($name: String) { createDeployment(input: { type: VM, framework: "django", ' +
      'githubUrl: "https://github.com/acme/shop.git", name: $name }) { id } }',
    { name },
  )
  if (created.errors) throw new Error(JSON.stringify(created.errors))
  return (created.data!.createDeployment as { id: string }).id
}
