/*
 * The `<workloadType>/<name>` form of a component's `spec.componentType.name`: how the wizard
 * offers a component type, how the action checks it, how the catalog derives `spec.type`.
 */

/** The workload types a component type can have (the API's `spec.workloadType`). */
export const WORKLOAD_TYPES = [
  'deployment',
  'statefulset',
  'cronjob',
  'job',
  'proxy',
] as const;

/** A component type's workload type. */
export type WorkloadType = (typeof WORKLOAD_TYPES)[number];

/** The pattern of a component's `spec.componentType.name`, as the API validates it. */
export const COMPONENT_TYPE_NAME_PATTERN = new RegExp(
  `^(${WORKLOAD_TYPES.join('|')})/[a-z0-9]([-a-z0-9]*[a-z0-9])?$`,
);

/** `deployment` + `service` → `deployment/service`; just the name when the workload type is unknown. */
export function formatComponentTypeName(
  workloadType: string | undefined,
  name: string,
): string {
  return workloadType ? `${workloadType}/${name}` : name;
}

/**
 * Splits `deployment/service` into its workload type and the component type's own name;
 * `undefined` when the value has no `/` or an empty part.
 */
export function parseComponentTypeName(
  value: string | undefined,
): { workloadType: string; name: string } | undefined {
  const slash = value?.indexOf('/') ?? -1;
  if (!value || slash <= 0 || slash === value.length - 1) return undefined;
  return { workloadType: value.slice(0, slash), name: value.slice(slash + 1) };
}
