import type { DeploymentStatus } from '../gql/graphql.js'

/** Options of {@link StepList}. */
export interface StepListProps {
  /** The framework's recipe stages, in order. */
  stages: readonly string[]
  /** The step under way (`deployment.step`), if any. */
  step: string | null
  status: DeploymentStatus
}

/**
 * A deployment's way through its steps: the guest's provisioning, the framework's stages and the
 * health check, the current one marked (`aria-current="step"`), the ones before it done. A step
 * outside that list (a restart) is shown after it.
 */
export function StepList({ stages, step, status }: StepListProps) {
  const steps = ['provision', ...stages, 'health-check']
  const at = step ? steps.indexOf(step) : -1
  const allDone = status === 'RUNNING' && !step
  const stateOf = (index: number): 'done' | 'current' | 'failed' | 'todo' => {
    if (allDone) return 'done'
    if (index === at) return status === 'FAILED' ? 'failed' : 'current'
    return at >= 0 && index < at ? 'done' : 'todo'
  }
  const look = {
    done: 'border-green-600 bg-green-50 text-green-900',
    current: 'border-blue-700 bg-blue-50 font-semibold text-blue-900',
    failed: 'border-red-700 bg-red-50 font-semibold text-red-900',
    todo: 'border-slate-300 bg-white text-slate-700',
  }
  const words = { done: 'done', current: 'under way', failed: 'failed here', todo: 'to do' }
  return (
    <ol aria-label="Steps" class="flex flex-wrap gap-2 text-sm">
      {steps.map((name, index) => {
        const state = stateOf(index)
        return (
          <li
            key={name}
            aria-current={state === 'current' || state === 'failed' ? 'step' : undefined}
            data-step-state={state}
            class={`rounded-md border px-3 py-1 ${look[state]}`}
          >
            <span aria-hidden="true">
              {state === 'done' ? '✓ ' : state === 'current' ? '▶ ' : state === 'failed' ? '✗ ' : ''}
            </span>
            {name}
            <span class="sr-only"> ({words[state]})</span>
          </li>
        )
      })}
      {step && at < 0 && (
        <li aria-current="step" data-step-state="current" class={`rounded-md border px-3 py-1 ${look.current}`}>
          <span aria-hidden="true">▶ </span>
          {step}
          <span class="sr-only"> (under way)</span>
        </li>
      )}
    </ol>
  )
}
