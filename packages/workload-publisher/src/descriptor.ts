import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { badInput } from './errors';
import type {
  EnvVar,
  FileVar,
  WorkloadConnection,
  WorkloadDescriptorParts,
  WorkloadEndpoint,
} from './workload';

type EndpointType = WorkloadEndpoint['type'];

// Descriptor endpoint types (case-insensitive; REST is the descriptor's name for HTTP).
const ENDPOINT_TYPES: Record<string, EndpointType> = {
  rest: 'HTTP',
  http: 'HTTP',
  graphql: 'GraphQL',
  grpc: 'gRPC',
  websocket: 'Websocket',
  tcp: 'TCP',
  udp: 'UDP',
};

// The kind of API definition a schemaFile holds, by endpoint type.
const SCHEMA_TYPES: Partial<Record<EndpointType, string>> = {
  HTTP: 'openapi',
  GraphQL: 'graphql',
  gRPC: 'proto',
  Websocket: 'asyncapi',
};

const VISIBILITIES = ['project', 'namespace', 'internal', 'external'] as const;
const CONNECTION_VISIBILITIES = ['project', 'namespace'] as const;
const ENV_BINDINGS = ['address', 'host', 'port', 'basePath'] as const;

type Json = Record<string, unknown>;

class DescriptorChecker {
  readonly problems: string[] = [];

  constructor(private readonly baseDir: string) {}

  async check(document: unknown): Promise<WorkloadDescriptorParts> {
    if (!isObject(document)) {
      this.problem(
        '(top level)',
        'must be a mapping with endpoints, dependencies or configurations',
      );
      return {};
    }
    this.onlyKeys(document, '', [
      'apiVersion',
      'kind',
      'metadata',
      'endpoints',
      'dependencies',
      'configurations',
    ]);
    if (
      document.apiVersion !== undefined &&
      document.apiVersion !== 'openchoreo.dev/v1alpha1'
    ) {
      this.problem('apiVersion', 'must be openchoreo.dev/v1alpha1');
    }
    const parts: WorkloadDescriptorParts = {};
    const endpoints = await this.endpoints(document.endpoints);
    if (endpoints) parts.endpoints = endpoints;
    const connections = this.dependencies(document.dependencies);
    if (connections) parts.dependencies = { endpoints: connections };
    const configurations = this.object(
      document.configurations,
      'configurations',
    );
    if (configurations) {
      this.onlyKeys(configurations, 'configurations', ['env', 'files']);
      const env = this.env(configurations.env);
      if (env) parts.env = env;
      const files = await this.files(configurations.files);
      if (files) parts.files = files;
    }
    return parts;
  }

  private async endpoints(value: unknown) {
    const list = this.list(value, 'endpoints');
    if (!list) return undefined;
    const endpoints: Record<string, WorkloadEndpoint> = {};
    for (const [index, item] of list.entries()) {
      const at = `endpoints[${index}]`;
      if (!isObject(item)) {
        this.problem(at, 'must be a mapping with name, port and type');
        continue;
      }
      this.onlyKeys(item, at, [
        'name',
        'port',
        'targetPort',
        'type',
        'visibility',
        'basePath',
        'displayName',
        'schemaFile',
      ]);
      const name = this.string(item.name, `${at}.name`, true);
      const port = this.port(item.port, `${at}.port`, true);
      const targetPort = this.port(item.targetPort, `${at}.targetPort`, false);
      const typeName = this.string(item.type, `${at}.type`, true);
      const type = typeName
        ? ENDPOINT_TYPES[typeName.toLowerCase()]
        : undefined;
      if (typeName && !type) {
        this.problem(
          `${at}.type`,
          `"${typeName}" is not one of REST, HTTP, GraphQL, gRPC, Websocket, TCP, UDP`,
        );
      }
      const visibility = this.enumList(
        item.visibility,
        `${at}.visibility`,
        VISIBILITIES,
      );
      const basePath = this.string(item.basePath, `${at}.basePath`, false);
      const displayName = this.string(
        item.displayName,
        `${at}.displayName`,
        false,
      );
      const schemaFile = this.string(
        item.schemaFile,
        `${at}.schemaFile`,
        false,
      );
      let schema: WorkloadEndpoint['schema'];
      if (schemaFile && type) {
        const schemaType = SCHEMA_TYPES[type];
        if (!schemaType) {
          this.problem(
            `${at}.schemaFile`,
            `a ${type} endpoint has no API schema (only REST/HTTP, GraphQL, gRPC and Websocket endpoints do)`,
          );
        } else {
          const content = await this.readRelative(
            schemaFile,
            `${at}.schemaFile`,
          );
          if (content !== undefined) schema = { type: schemaType, content };
        }
      }
      if (name && endpoints[name]) {
        this.problem(`${at}.name`, `endpoint "${name}" is declared twice`);
      }
      if (!name || !port || !type) continue;
      const endpoint: WorkloadEndpoint = { type, port };
      if (targetPort) endpoint.targetPort = targetPort;
      if (visibility) endpoint.visibility = visibility;
      if (basePath !== undefined) endpoint.basePath = basePath;
      if (displayName !== undefined) endpoint.displayName = displayName;
      if (schema) endpoint.schema = schema;
      endpoints[name] = endpoint;
    }
    return endpoints;
  }

  private dependencies(value: unknown): WorkloadConnection[] | undefined {
    const dependencies = this.object(value, 'dependencies');
    if (!dependencies) return undefined;
    this.onlyKeys(dependencies, 'dependencies', ['endpoints']);
    const list = this.list(dependencies.endpoints, 'dependencies.endpoints');
    if (!list) return undefined;
    const connections: WorkloadConnection[] = [];
    for (const [index, item] of list.entries()) {
      const at = `dependencies.endpoints[${index}]`;
      if (!isObject(item)) {
        this.problem(
          at,
          'must be a mapping with component, name and envBindings',
        );
        continue;
      }
      this.onlyKeys(item, at, [
        'project',
        'component',
        'name',
        'visibility',
        'envBindings',
      ]);
      const project = this.string(item.project, `${at}.project`, false);
      const component = this.string(item.component, `${at}.component`, true);
      const name = this.string(item.name, `${at}.name`, true);
      const visibility =
        item.visibility === undefined
          ? 'project'
          : this.enumValue(
              item.visibility,
              `${at}.visibility`,
              CONNECTION_VISIBILITIES,
            );
      const bindings = this.object(item.envBindings, `${at}.envBindings`);
      const envBindings: WorkloadConnection['envBindings'] = {};
      if (!bindings) {
        this.problem(
          `${at}.envBindings`,
          'is required: name the env var(s) that receive the address, host, port or basePath',
        );
      } else {
        this.onlyKeys(bindings, `${at}.envBindings`, [...ENV_BINDINGS]);
        for (const key of ENV_BINDINGS) {
          const envName = this.string(
            bindings[key],
            `${at}.envBindings.${key}`,
            false,
          );
          if (envName) envBindings[key] = envName;
        }
        if (Object.keys(envBindings).length === 0) {
          this.problem(
            `${at}.envBindings`,
            `needs at least one of ${ENV_BINDINGS.join(', ')}`,
          );
        }
      }
      if (!component || !name || !visibility || !bindings) continue;
      connections.push({
        ...(project ? { project } : {}),
        component,
        name,
        visibility,
        envBindings,
      });
    }
    return connections;
  }

  private env(value: unknown): EnvVar[] | undefined {
    const list = this.list(value, 'configurations.env');
    if (!list) return undefined;
    const env: EnvVar[] = [];
    const seen = new Set<string>();
    for (const [index, item] of list.entries()) {
      const at = `configurations.env[${index}]`;
      if (!isObject(item)) {
        this.problem(at, 'must be a mapping with name and value or valueFrom');
        continue;
      }
      this.onlyKeys(item, at, ['name', 'value', 'valueFrom']);
      const key = this.string(item.name, `${at}.name`, true);
      if (key && seen.has(key))
        this.problem(`${at}.name`, `"${key}" is declared twice`);
      if (key) seen.add(key);
      const source = this.valueSource(item, at, false);
      if (key && source) env.push({ key, ...source });
    }
    return env;
  }

  private async files(value: unknown): Promise<FileVar[] | undefined> {
    const list = this.list(value, 'configurations.files');
    if (!list) return undefined;
    const files: FileVar[] = [];
    const seen = new Set<string>();
    for (const [index, item] of list.entries()) {
      const at = `configurations.files[${index}]`;
      if (!isObject(item)) {
        this.problem(
          at,
          'must be a mapping with name, mountPath and value or valueFrom',
        );
        continue;
      }
      this.onlyKeys(item, at, ['name', 'mountPath', 'value', 'valueFrom']);
      const key = this.string(item.name, `${at}.name`, true);
      const mountPath = this.string(item.mountPath, `${at}.mountPath`, true);
      if (mountPath && !mountPath.startsWith('/')) {
        this.problem(
          `${at}.mountPath`,
          'must be an absolute path in the container',
        );
      }
      if (key && seen.has(key))
        this.problem(`${at}.name`, `"${key}" is declared twice`);
      if (key) seen.add(key);
      const source = this.valueSource(item, at, true);
      let resolved: Pick<FileVar, 'value' | 'valueFrom'> | undefined;
      if (source && 'path' in source) {
        const content = await this.readRelative(
          source.path,
          `${at}.valueFrom.path`,
        );
        if (content !== undefined) resolved = { value: content };
      } else {
        resolved = source;
      }
      if (key && mountPath && resolved)
        files.push({ key, mountPath, ...resolved });
    }
    return files;
  }

  /** `value`, `valueFrom.secretKeyRef {name, key}` or (files only) `valueFrom.path`: exactly one. */
  private valueSource(
    item: Json,
    at: string,
    allowPath: boolean,
  ):
    | { value: string }
    | { valueFrom: { secretKeyRef: { name: string; key: string } } }
    | { path: string }
    | undefined {
    const expected = allowPath
      ? 'value, valueFrom.secretKeyRef or valueFrom.path'
      : 'value or valueFrom.secretKeyRef';
    if (item.value !== undefined && item.valueFrom !== undefined) {
      this.problem(at, `has both value and valueFrom: give one of ${expected}`);
      return undefined;
    }
    if (item.value !== undefined) {
      if (typeof item.value === 'string') return { value: item.value };
      if (typeof item.value === 'number' || typeof item.value === 'boolean') {
        return { value: String(item.value) };
      }
      this.problem(`${at}.value`, 'must be a string');
      return undefined;
    }
    const valueFrom = this.object(item.valueFrom, `${at}.valueFrom`);
    if (!valueFrom) {
      this.problem(at, `needs one of ${expected}`);
      return undefined;
    }
    this.onlyKeys(
      valueFrom,
      `${at}.valueFrom`,
      allowPath ? ['secretKeyRef', 'path'] : ['secretKeyRef'],
    );
    if (allowPath && valueFrom.path !== undefined) {
      const path = this.string(valueFrom.path, `${at}.valueFrom.path`, true);
      return path ? { path } : undefined;
    }
    const ref = this.object(
      valueFrom.secretKeyRef,
      `${at}.valueFrom.secretKeyRef`,
    );
    if (!ref) {
      this.problem(
        `${at}.valueFrom`,
        `needs ${allowPath ? 'secretKeyRef or path' : 'secretKeyRef'}`,
      );
      return undefined;
    }
    this.onlyKeys(ref, `${at}.valueFrom.secretKeyRef`, ['name', 'key']);
    const name = this.string(
      ref.name,
      `${at}.valueFrom.secretKeyRef.name`,
      true,
    );
    const key = this.string(ref.key, `${at}.valueFrom.secretKeyRef.key`, true);
    return name && key
      ? { valueFrom: { secretKeyRef: { name, key } } }
      : undefined;
  }

  private async readRelative(path: string, at: string) {
    const full = resolve(this.baseDir, path);
    try {
      return await readFile(full, 'utf8');
    } catch (error) {
      this.problem(
        at,
        `cannot read "${path}" (${full}, relative to the descriptor): ${
          (error as NodeJS.ErrnoException).code ?? (error as Error).message
        }`,
      );
      return undefined;
    }
  }

  private problem(at: string, message: string) {
    this.problems.push(`${at}: ${message}`);
  }

  private onlyKeys(object: Json, at: string, allowed: string[]) {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) {
        this.problem(
          at ? `${at}.${key}` : key,
          `unknown field (expected ${allowed.join(', ')})`,
        );
      }
    }
  }

  private object(value: unknown, at: string): Json | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) {
      this.problem(at, 'must be a mapping');
      return undefined;
    }
    return value;
  }

  private list(value: unknown, at: string): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.problem(at, 'must be a list');
      return undefined;
    }
    return value;
  }

  private string(value: unknown, at: string, required: boolean) {
    if (value === undefined || value === null) {
      if (required) this.problem(at, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || (required && value.trim() === '')) {
      this.problem(
        at,
        required ? 'must be a non-empty string' : 'must be a string',
      );
      return undefined;
    }
    return value;
  }

  private port(value: unknown, at: string, required: boolean) {
    if (value === undefined || value === null) {
      if (required) this.problem(at, 'is required');
      return undefined;
    }
    if (
      !Number.isInteger(value) ||
      (value as number) < 1 ||
      (value as number) > 65535
    ) {
      this.problem(
        at,
        `must be an integer in 1..65535, got ${JSON.stringify(value)}`,
      );
      return undefined;
    }
    return value as number;
  }

  private enumValue<T extends string>(
    value: unknown,
    at: string,
    allowed: readonly T[],
  ) {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.problem(
        at,
        `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
      );
      return undefined;
    }
    return value as T;
  }

  private enumList<T extends string>(
    value: unknown,
    at: string,
    allowed: readonly T[],
  ) {
    if (value === undefined || value === null) return undefined;
    const list = typeof value === 'string' ? [value] : this.list(value, at);
    if (!list) return undefined;
    const result: T[] = [];
    for (const [index, item] of list.entries()) {
      const checked = this.enumValue(item, `${at}[${index}]`, allowed);
      if (checked) result.push(checked);
    }
    return result.length === list.length ? result : undefined;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a workload descriptor (`workload.yaml`, the format of `occ workload create`), checks
 * every field, reads the files it names (`schemaFile`, `valueFrom.path`) relative to it, and
 * returns what it contributes to the Workload. Every problem is reported at once, with the
 * file and the field; the error has exit code 2.
 */
export async function loadWorkloadDescriptor(
  file: string,
): Promise<WorkloadDescriptorParts> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw badInput(
      `Cannot read the workload descriptor ${file}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }. Check --descriptor (OPENCHOREO_DESCRIPTOR).`,
    );
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
    throw badInput(
      `The workload descriptor ${file} is not valid YAML${where}: ${
        (error as Error).message.split('\n')[0]
      }`,
    );
  }
  const checker = new DescriptorChecker(dirname(resolve(file)));
  const parts = await checker.check(document);
  if (checker.problems.length > 0) {
    throw badInput(
      `The workload descriptor ${file} is invalid:\n${checker.problems
        .map(problem => `  - ${problem}`)
        .join('\n')}`,
    );
  }
  return parts;
}
