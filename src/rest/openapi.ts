import { z } from 'zod'
import { deployBodySchema } from './deploy-routes.js'
import { serverIdSchema } from './servers-routes.js'

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema. */
const schemaOf = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >
  return rest
}

const envelope = z.object({ message: z.string(), status: z.enum(['success', 'error']), data: z.unknown() })
const resources = z.object({ cpu: z.number().int(), memory: z.number().int(), disk: z.number().int() })
const guest = z
  .object({ id: z.number().int().nullable(), node: z.string().nullable(), ip: z.string().nullable() })
  .nullable()
const deployment = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(['vm', 'lxc']),
  framework: z.string(),
  github_url: z.string(),
  resources,
  status: z.enum(['pending', 'creating', 'running', 'failed', 'stopped', 'deleted']),
  proxmox: guest,
  created_at: z.string(),
  deployed_at: z.string().nullable(),
  commit_sha: z.string().nullable().describe("The commit of the release serving now (Hangar's addition)"),
  releases: z
    .array(
      z.object({
        number: z.number().int(),
        ref: z.string().nullable(),
        commit_sha: z.string().nullable(),
        status: z.enum(['building', 'active', 'failed', 'superseded']),
        created_at: z.string(),
        activated_at: z.string().nullable(),
      }),
    )
    .describe("Newest first (Hangar's addition)"),
  private_repo: z.boolean().optional().describe("Only for a private repository (Hangar's addition)"),
  deploy_key: z
    .string()
    .nullable()
    .optional()
    .describe("The public key to add to the private repository's deploy keys (Hangar's addition)"),
})
const message = z.object({ message: z.string(), deployment_id: z.number().int() })

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: schemaOf(schema) } },
})
const errors = {
  400: json(envelope, 'Bad input; the message names the field'),
  401: json(envelope, 'A token is required (once tokens exist)'),
  403: json(envelope, "The token's role may not do this"),
  404: json(envelope, 'Unknown id'),
}
/** Refusals of a state-changing request (POST, DELETE), beside those of any request. */
const changeErrors = {
  ...errors,
  403: json(
    envelope,
    "The token's role may not do this; or a browser sent it from another origin (`Origin` or `Sec-Fetch-Site`) that " +
      'is not in HANGAR_CORS_ORIGINS',
  ),
  413: json(envelope, 'The body is larger than HANGAR_MAX_BODY_BYTES'),
  415: json(
    envelope,
    'A body not declared as application/json (text/plain, a form, or no Content-Type): what a page on another site ' +
      'could send without a preflight',
  ),
  429: json(envelope, 'The token ran its mutations for this minute (HANGAR_MUTATION_RATE_LIMIT)'),
}
const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  description: 'Written exactly: `1`, never `01`, `+1` or `1e0` (those are 400)',
}
const serverIdQuery = {
  name: 'server_id',
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description:
    "A gateway id (`provider:native`), or a provider's own id when unambiguous; if the body also has `server_id`, " +
    'both must be the same',
}

/** The OpenAPI 3.1 description of `/api`, built from the zod schemas that validate its requests. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hangar REST shim',
      version: '1.0.0',
      description:
        'The documented endpoints of the Kamatera web UI and of the Proxmox deploy API, served by Hangar. Everything ' +
        'here is also in the GraphQL API at /graphql. ' +
        'Every refusal is the envelope `{"message", "status": "error", "data": null}`, also for a path in another ' +
        "letter case (404) and headers over the server's limit (431). " +
        'A POST or DELETE with a body must send it as application/json (else 415), and a browser may send one only ' +
        "from the gateway's own origin or one in HANGAR_CORS_ORIGINS (else 403); reads are answered, with CORS " +
        'headers only for those origins.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Required once API tokens exist (`hangar token create`).',
        },
      },
    },
    security: [{ bearer: [] }, {}],
    paths: {
      '/api/servers': {
        get: {
          summary: 'Every server of every provider',
          responses: { 200: json(envelope, 'data: the servers'), 401: errors[401] },
        },
      },
      '/api/server': {
        get: {
          summary: 'One server with everything its provider reports',
          parameters: [{ ...serverIdQuery, required: true }],
          responses: { 200: json(envelope, 'data: the server'), ...errors },
        },
      },
      ...Object.fromEntries(
        ['start', 'stop', 'reboot', 'destroy'].map((action) => [
          `/api/${action}`,
          {
            post: {
              summary: `${action[0]!.toUpperCase()}${action.slice(1)} a server`,
              parameters: [serverIdQuery],
              requestBody: { required: false, content: { 'application/json': { schema: schemaOf(serverIdSchema) } } },
              responses: {
                200: json(envelope, 'data: the operation started'),
                409: json(envelope, "Invalid in the server's current state"),
                ...changeErrors,
              },
            },
          },
        ]),
      ),
      '/api/deploy': {
        post: {
          summary: 'Create a deployment (answers at once)',
          requestBody: { required: true, content: { 'application/json': { schema: schemaOf(deployBodySchema) } } },
          responses: {
            202: json(z.object({ message: z.string(), deployment }), 'Déploiement démarré'),
            ...changeErrors,
          },
        },
      },
      '/api/deployments': {
        get: {
          summary: 'Every deployment',
          responses: {
            200: json(
              z.object({ deployments: z.array(deployment.partial()), total: z.number().int() }),
              'The deployments',
            ),
            401: errors[401],
          },
        },
      },
      '/api/deployments/{id}': {
        get: {
          summary: 'One deployment',
          parameters: [idParameter],
          responses: { 200: json(deployment, 'The deployment'), ...errors },
        },
        delete: {
          summary: 'Destroy its guest; the record stays as deleted',
          parameters: [idParameter],
          responses: { 200: json(message, 'Déploiement supprimé'), ...changeErrors },
        },
      },
      '/api/deployments/{id}/logs': {
        get: {
          summary: 'Its provisioning and deployment logs',
          parameters: [idParameter],
          responses: {
            200: json(
              z.object({ deployment_id: z.number().int(), terraform_output: z.string(), deployment_log: z.string() }),
              'The logs',
            ),
            ...errors,
          },
        },
      },
      '/api/deployments/{id}/restart': {
        post: {
          summary: 'Reboot its guest and check the app again',
          parameters: [idParameter],
          responses: {
            200: json(message, 'Déploiement redémarré'),
            409: json(envelope, 'Invalid in its current state'),
            ...changeErrors,
          },
        },
      },
      '/api/status': {
        get: {
          summary: "Providers' connections and deployment counts",
          responses: {
            200: {
              description:
                '{system: {status, proxmox_connected, providers}, deployments: {total, running, failed, pending}}',
            },
          },
        },
      },
      '/api/frameworks': {
        get: {
          summary: 'Frameworks by language',
          responses: { 200: { description: '{python: [{id, name, version}], javascript: [...], ...}' } },
        },
      },
      '/api/resources': {
        get: {
          summary: "The first host in the seed's shape, every host in `nodes`, and the providers that did not answer",
          responses: {
            200: {
              description:
                '{node: {name, status, cpu, memory}, vms, containers, nodes: [...], unavailable_providers: [...]}',
            },
          },
        },
      },
      '/health': { get: { summary: 'The gateway is up', security: [], responses: { 200: json(envelope, 'Up') } } },
    },
  }
}
