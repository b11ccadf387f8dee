import type { ResourceObject, ResourceStore, StoreEvent } from '../store';
import { API_VERSION, field } from '../validation';
import { planAutoDeploy } from './autoDeploy';
import { Clock, ClockTimer, createScaledClock } from './clock';
import { Condition, setCondition } from './conditions';
import type { SimulationLogger } from './WorkflowRunSimulator';

/**
 * Workload or Component annotation that makes every deployment of the component fail, with the
 * annotation's value as the message (`ResourcesDegraded`).
 */
export const FAIL_DEPLOYMENT_ANNOTATION =
  'devstack.openchoreo.dev/fail-deployment';
/** Workload or Component annotation that keeps every deployment of the component progressing. */
export const STALL_DEPLOYMENT_ANNOTATION =
  'devstack.openchoreo.dev/stall-deployment';

/** Simulated time the component controller takes to react to a change. */
export const RECONCILE_DELAY_MS = 200;
/** Simulated time a release takes to roll out in an environment (then Ready or failed). */
export const ROLLOUT_DURATION_MS = 4_000;

const DEFAULT_FAILURE =
  'Deployment has failed pods: container "main" is in CrashLoopBackOff (back-off restarting failed container)';

/** How a rollout ends: ready, failed with a message, or never (stalled). */
type Outcome =
  | { kind: 'ready' }
  | { kind: 'fail'; message: string }
  | { kind: 'stall' };

/** Options of {@link DeploymentSimulator}. */
export interface DeploymentSimulatorOptions {
  store: ResourceStore;
  /** Speed of simulated time when no clock is given. */
  timeScale?: number;
  clock?: Clock;
  logger?: SimulationLogger;
}

const silent: SimulationLogger = { info() {}, warn() {}, error() {} };
const keyOf = (object: ResourceObject) =>
  `${object.metadata.namespace}/${object.metadata.name}`;

/**
 * Plays OpenChoreo's component and releasebinding controllers on the devstack clock: when the
 * Workload (or Component) of a component with `spec.autoDeploy` changes, it creates the
 * ComponentRelease `<component>-<hash>`, records it as the component's `status.latestRelease`
 * and points the ReleaseBinding `<component>-<first environment>` at it; every ReleaseBinding
 * whose spec changes (autoDeploy or a promotion through the API) rolls out: `Ready=False
 * ResourcesProgressing`, then after {@link ROLLOUT_DURATION_MS} `Ready=True` — or
 * `ResourcesDegraded` / still progressing when a failure switch is set (annotations
 * {@link FAIL_DEPLOYMENT_ANNOTATION}, {@link STALL_DEPLOYMENT_ANNOTATION}, or
 * {@link DeploymentSimulator.failNextDeployment} and friends in tests).
 */
export class DeploymentSimulator {
  private readonly store: ResourceStore;
  private readonly clock: Clock;
  private readonly logger: SimulationLogger;
  private readonly reconciles = new Map<string, ClockTimer>();
  private readonly rollouts = new Map<string, ClockTimer>();
  /** The binding specs already rolled out (or rolling out), by binding. */
  private readonly observed = new Map<string, string>();
  private readonly generations = new Map<string, number>();
  private readonly nextOutcome = new Map<string, Outcome>();
  private unsubscribe?: () => void;

  constructor(options: DeploymentSimulatorOptions) {
    this.store = options.store;
    this.clock = options.clock ?? createScaledClock(options.timeScale ?? 1);
    this.logger = options.logger ?? silent;
  }

  /** Starts watching; releases components whose Workload changed while stopped, resumes rollouts. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store.subscribe(event => this.onStoreEvent(event));
    for (const namespace of this.namespaces()) {
      for (const binding of this.store.list('ReleaseBinding', namespace)) {
        const ready = readyCondition(binding);
        const settled =
          ready &&
          (ready.status === 'True' || ready.reason !== 'ResourcesProgressing');
        if (settled) this.observed.set(keyOf(binding), specKey(binding));
      }
      for (const component of this.store.list('Component', namespace)) {
        this.scheduleReconcile(component);
      }
      for (const binding of this.store.list('ReleaseBinding', namespace)) {
        this.onBindingChanged(binding);
      }
    }
  }

  /** Stops watching and cancels every timer; state stays in the store. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of [
      ...this.reconciles.values(),
      ...this.rollouts.values(),
    ]) {
      timer.cancel();
    }
    this.reconciles.clear();
    this.rollouts.clear();
  }

  /** Makes the next rollout of `component` (any environment) fail with `message`. */
  failNextDeployment(component: string, message = DEFAULT_FAILURE): void {
    this.nextOutcome.set(component, { kind: 'fail', message });
  }

  /** Makes the next rollout of `component` stay progressing (for timeouts). */
  stallNextDeployment(component: string): void {
    this.nextOutcome.set(component, { kind: 'stall' });
  }

  private namespaces(): Set<string> {
    const namespaces = new Set(['default']);
    for (const ns of this.store.list('Namespace'))
      namespaces.add(ns.metadata.name);
    return namespaces;
  }

  private onStoreEvent(event: StoreEvent) {
    const { object } = event;
    if (event.type === 'deleted') {
      if (object.kind === 'ReleaseBinding') {
        const key = keyOf(object);
        this.rollouts.get(key)?.cancel();
        this.rollouts.delete(key);
        this.observed.delete(key);
      }
      return;
    }
    if (object.kind === 'Workload') {
      const component = field(object.spec, 'owner', 'componentName');
      const found =
        typeof component === 'string'
          ? this.store.get('Component', object.metadata.namespace, component)
          : undefined;
      if (found) this.scheduleReconcile(found);
    } else if (object.kind === 'Component') {
      this.scheduleReconcile(object);
    } else if (object.kind === 'ReleaseBinding') {
      this.onBindingChanged(object);
    }
  }

  private scheduleReconcile(component: ResourceObject) {
    if (component.spec?.autoDeploy !== true || !this.unsubscribe) return;
    const key = keyOf(component);
    this.reconciles.get(key)?.cancel();
    this.reconciles.set(
      key,
      this.clock.setTimer(RECONCILE_DELAY_MS, () => {
        this.reconciles.delete(key);
        try {
          this.reconcile(component.metadata.namespace, component.metadata.name);
        } catch (error) {
          this.logger.error(
            `autoDeploy of ${key}: ${(error as Error).message}`,
          );
        }
      }),
    );
  }

  /** The component controller's autoDeploy for one component. */
  private reconcile(namespace: string | undefined, name: string) {
    const component = this.store.get('Component', namespace, name);
    if (!component || component.spec?.autoDeploy !== true) return;
    const plan = planAutoDeploy(this.store, component);
    const now = this.clock.now();
    if (!('release' in plan)) {
      this.setComponentStatus(component, undefined, {
        type: 'Ready',
        status: 'False',
        reason: plan.reason,
        message: plan.message,
      });
      return;
    }
    const { release, releaseHash, environment } = plan;
    const releaseName = release.metadata.name;
    if (!this.store.get('ComponentRelease', namespace, releaseName)) {
      this.store.create({
        ...release,
        metadata: { ...release.metadata, creationTimestamp: now.toISOString() },
      });
      this.logger.info(`ComponentRelease ${namespace}/${releaseName} created`);
    }
    const bindingName = `${name}-${environment}`;
    const existing = this.store
      .list('ReleaseBinding', namespace)
      .find(
        b =>
          field(b.spec, 'owner', 'componentName') === name &&
          field(b.spec, 'environment') === environment,
      );
    if (!existing) {
      this.store.create({
        apiVersion: API_VERSION,
        kind: 'ReleaseBinding',
        metadata: { name: bindingName, namespace },
        spec: {
          owner: release.spec?.owner,
          environment,
          releaseName,
          state: 'Active',
        },
      });
    } else if (field(existing.spec, 'releaseName') !== releaseName) {
      this.store.replace({
        ...existing,
        spec: { ...existing.spec, releaseName },
      });
    }
    this.setComponentStatus(
      this.store.get('Component', namespace, name)!,
      { name: releaseName, releaseHash },
      {
        type: 'Ready',
        status: 'True',
        reason: 'ComponentReleaseReady',
        message: `ComponentRelease "${releaseName}" and ReleaseBinding "${
          existing?.metadata.name ?? bindingName
        }" successfully managed for environment "${environment}"`,
      },
    );
  }

  private setComponentStatus(
    component: ResourceObject,
    latestRelease: { name: string; releaseHash: string } | undefined,
    ready: Omit<Condition, 'lastTransitionTime'>,
  ) {
    const status = component.status ?? {};
    const conditions = setCondition(
      (status.conditions as Condition[] | undefined) ?? [],
      ready,
      this.clock.now(),
    );
    const next = {
      ...status,
      conditions,
      ...(latestRelease ? { latestRelease } : {}),
    };
    if (JSON.stringify(next) === JSON.stringify(status)) return;
    this.store.replace({ ...component, status: next });
  }

  /** The releasebinding controller: a changed spec starts a rollout. */
  private onBindingChanged(binding: ResourceObject) {
    const key = keyOf(binding);
    const spec = specKey(binding);
    if (this.observed.get(key) === spec || !this.unsubscribe) return;
    this.observed.set(key, spec);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    this.rollouts.get(key)?.cancel();
    // Written from a timer, not inside the store's change notification.
    this.rollouts.set(
      key,
      this.clock.setTimer(0, () => this.beginRollout(binding, generation)),
    );
  }

  private beginRollout(from: ResourceObject, generation: number) {
    const key = keyOf(from);
    const binding = this.store.get(
      'ReleaseBinding',
      from.metadata.namespace,
      from.metadata.name,
    );
    if (!binding) return;
    const namespace = binding.metadata.namespace;
    const releaseName = field(binding.spec, 'releaseName');
    const environment = String(field(binding.spec, 'environment'));
    const component = String(field(binding.spec, 'owner', 'componentName'));
    const now = this.clock.now();
    const problem = this.bindingProblem(binding, releaseName, environment);
    if (problem) {
      this.writeBindingStatus(binding, generation, now, problem);
      return;
    }
    this.writeBindingStatus(binding, generation, now, {
      synced: true,
      ready: 'False',
      reason: 'ResourcesProgressing',
      message: `Rolling out ComponentRelease "${releaseName}" to environment "${environment}"`,
    });
    const outcome = this.outcomeFor(namespace, component);
    if (outcome.kind === 'stall') return;
    this.rollouts.set(
      key,
      this.clock.setTimer(ROLLOUT_DURATION_MS, () => {
        this.rollouts.delete(key);
        const current = this.store.get(
          'ReleaseBinding',
          namespace,
          from.metadata.name,
        );
        if (!current || this.generations.get(key) !== generation) return;
        if (outcome.kind === 'fail') {
          this.writeBindingStatus(current, generation, this.clock.now(), {
            synced: true,
            ready: 'False',
            reason: 'ResourcesDegraded',
            message: outcome.message,
          });
          this.logger.warn(
            `ReleaseBinding ${key}: failed (${outcome.message})`,
          );
          return;
        }
        this.writeBindingStatus(current, generation, this.clock.now(), {
          synced: true,
          ready: 'True',
          reason: 'Ready',
          message: `ComponentRelease "${releaseName}" is ready in environment "${environment}"`,
        });
        this.logger.info(`ReleaseBinding ${key}: ${releaseName} ready`);
      }),
    );
  }

  private bindingProblem(
    binding: ResourceObject,
    releaseName: unknown,
    environment: string,
  ): BindingStatusInput | undefined {
    const namespace = binding.metadata.namespace;
    if (field(binding.spec, 'state') === 'Undeploy') {
      return {
        synced: true,
        ready: 'False',
        reason: 'ResourcesUndeployed',
        message: 'Resources are undeployed (state Undeploy)',
      };
    }
    if (
      typeof releaseName !== 'string' ||
      !this.store.get('ComponentRelease', namespace, releaseName)
    ) {
      return {
        synced: false,
        ready: 'False',
        reason: 'ComponentReleaseNotFound',
        message: `ComponentRelease "${String(releaseName ?? '')}" not found`,
      };
    }
    if (!this.store.get('Environment', namespace, environment)) {
      return {
        synced: false,
        ready: 'False',
        reason: 'EnvironmentNotFound',
        message: `Environment "${environment}" not found`,
      };
    }
    return undefined;
  }

  /** The switch for this rollout: a one-shot test switch, else the annotations. */
  private outcomeFor(
    namespace: string | undefined,
    component: string,
  ): Outcome {
    const once = this.nextOutcome.get(component);
    if (once) {
      this.nextOutcome.delete(component);
      return once;
    }
    const workload = this.store
      .list('Workload', namespace)
      .find(w => field(w.spec, 'owner', 'componentName') === component);
    const annotations = {
      ...this.store.get('Component', namespace, component)?.metadata
        .annotations,
      ...workload?.metadata.annotations,
    };
    const fail = annotations[FAIL_DEPLOYMENT_ANNOTATION];
    if (fail !== undefined) {
      return {
        kind: 'fail',
        message: fail && fail !== 'true' ? fail : DEFAULT_FAILURE,
      };
    }
    if (STALL_DEPLOYMENT_ANNOTATION in annotations) return { kind: 'stall' };
    return { kind: 'ready' };
  }

  private writeBindingStatus(
    binding: ResourceObject,
    generation: number,
    now: Date,
    input: BindingStatusInput,
  ) {
    const status = binding.status ?? {};
    let conditions = (status.conditions as Condition[] | undefined) ?? [];
    const set = (condition: Omit<Condition, 'lastTransitionTime'>) => {
      conditions = setCondition(
        conditions,
        { ...condition, observedGeneration: generation },
        now,
      );
    };
    set({
      type: 'ReleaseSynced',
      status: input.synced ? 'True' : 'False',
      reason: input.synced ? 'ReleaseSynced' : input.reason,
      message: input.synced ? 'Release is up to date' : input.message,
    });
    set({
      type: 'ResourcesReady',
      status: input.ready,
      reason: input.ready === 'True' ? 'ResourcesReady' : input.reason,
      message: input.message,
    });
    set({
      type: 'Ready',
      status: input.ready,
      reason: input.reason,
      message: input.message,
    });
    const next: Record<string, unknown> = {
      ...status,
      observedGeneration: generation,
      lastSpecUpdateTime:
        this.generationSeen(binding, generation, status) ?? now.toISOString(),
      conditions,
    };
    if (input.ready === 'True')
      next.endpoints = endpointsOf(this.store, binding);
    else delete next.endpoints;
    this.store.replace({ ...binding, status: next });
  }

  /** The time this generation was first written, so it stays put across its status updates. */
  private generationSeen(
    _binding: ResourceObject,
    generation: number,
    status: Record<string, unknown>,
  ): string | undefined {
    return status.observedGeneration === generation &&
      typeof status.lastSpecUpdateTime === 'string'
      ? status.lastSpecUpdateTime
      : undefined;
  }
}

interface BindingStatusInput {
  synced: boolean;
  ready: 'True' | 'False';
  reason: string;
  message: string;
}

function specKey(binding: ResourceObject): string {
  return JSON.stringify(binding.spec ?? {});
}

function readyCondition(binding: ResourceObject): Condition | undefined {
  const conditions = binding.status?.conditions as Condition[] | undefined;
  return conditions?.find(c => c.type === 'Ready');
}

/** The invoke URLs of the released workload's HTTP endpoints in the binding's environment. */
function endpointsOf(store: ResourceStore, binding: ResourceObject) {
  const releaseName = String(field(binding.spec, 'releaseName'));
  const release = store.get(
    'ComponentRelease',
    binding.metadata.namespace,
    releaseName,
  );
  const endpoints = field(release?.spec, 'workload', 'endpoints') ?? {};
  const component = String(field(binding.spec, 'owner', 'componentName'));
  const environment = String(field(binding.spec, 'environment'));
  return Object.entries(endpoints as Record<string, unknown>).map(
    ([name, endpoint]) => {
      const type = String(field(endpoint, 'type') ?? 'HTTP');
      const basePath = String(field(endpoint, 'basePath') ?? '/');
      const host = `${component}-${environment}-${binding.metadata.namespace}.openchoreo.localhost`;
      return {
        name,
        type,
        ...(type === 'HTTP' || type === 'GraphQL' || type === 'Websocket'
          ? { invokeURL: `http://${host}:19080${basePath}` }
          : {}),
      };
    },
  );
}
