/**
 * `hangar/provider-kit/testing`: what a provider plugin's tests and its loopback simulator need.
 *
 * - {@link runProviderConformance}: the vitest suite every plugin passes against its simulator;
 * - {@link followTask}: polls a task handle the way the gateway does; {@link followToEnd} keeps
 *   every poll for a test to look at;
 * - {@link generateEd25519KeyPair}: a login key for simulated guests;
 * - {@link parseOptions} and {@link silentLogger}: options and a logger for `create` in tests;
 * - the simulator kit: a path-template router, request bodies, request faults with their
 *   `/_simulator/faults` control API, a seeded fault mix, simulated tasks, and a listener that
 *   closes at once ({@link listenSimulator}: the control API and the simulated one on one port).
 */
export { runProviderConformance, type ConformanceFixture } from './conformance/provider-conformance.js'
export { parseOptions, silentLogger } from './conformance/plugin-test-helpers.js'
export { followTask, type FollowTaskOptions, type TaskOutcome } from '../operations/follow-task.js'
export { followToEnd } from './conformance/follow-to-end.js'
export { generateEd25519KeyPair } from '../ssh/ed25519-key-pair.js'
export { handleFaultControl, type FaultControl } from './simulator/fault-control.js'
export {
  serveWithFaults,
  type FaultPipeline,
  type InjectedFailure,
  type SimulatorReply,
  type Throttle,
} from './simulator/fault-pipeline.js'
export { FaultMix, faultMixSchema, labelOf, type FaultMixOptions, type MixedFault } from './simulator/fault-mix.js'
export { listenTracked, type ListeningServer } from './simulator/listen-tracked.js'
export { listenSimulator, type SimulatorListenOptions } from './simulator/listen-simulator.js'
export {
  applyRequestFaultsPatch,
  parsePathPattern,
  RequestFaults,
  requestFaultsControl,
  requestFaultsPatchSchema,
  requestFaultsPatchShape,
  RuleList,
  type DropRule,
  type HeldAnswerRule,
  type RateLimitRule,
  type RequestFaultsPatch,
  type RequestFaultsSnapshot,
  type RequestMatch,
  type StatusRule,
} from './simulator/request-faults.js'
export { BodyTooLargeError, contentTypeOf, parseFormEncoded, readRequestBody } from './simulator/request-body.js'
export { SimulatorRouter, type RouteMatch, type RouteSpec } from './simulator/router.js'
export { seededRandom, type SeededRandom } from './simulator/seeded-random.js'
export { freeGuestPort, GUEST_PREFIX_LENGTH, guestAddress, randomGuestSubnet } from './guest/guest-address.js'
export { failedExec, type ExecRequest, type ExecRun, type GuestExecMode } from './guest/guest-exec.js'
export { parseAuthorizedKeys, type GuestLogin } from './guest/guest-login.js'
export {
  GuestRuntime,
  type GuestEndpointView,
  type GuestLifecycle,
  type GuestRuntimeOptions,
  type SimulatedGuest,
} from './guest/guest-runtime.js'
export { SimulatedTasks, TaskTimers, type SimulatedTask, type TaskScript } from './simulator/task-timers.js'
export type { SimulatedTaskState, SimulatedTasksOptions, TaskScriptSteps } from './simulator/simulated-task.js'
