import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The specs the validator knows, by name. */
export type SpecName = 'openchoreo-api' | 'observer-api';

/**
 * The contract-check artifact of a spec: its paths and components as JSON, generated from the
 * committed copy of the real spec (packages/openchoreo-client/spec/) by
 * `yarn workspace @openchoreo-ci/openchoreo-client generate`.
 */
export function contractArtifactFile(name: SpecName): string {
  // Only tests and local tooling use the validator, always from the source tree.
  // eslint-disable-next-line no-restricted-syntax
  return path.join(__dirname, 'generated', `${name}.json`);
}

type Json = Record<string, any>;

/** One operation of the spec, matched from a concrete method and URL path. */
export interface SpecOperation {
  method: string;
  pathTemplate: string;
  operationId: string;
  definition: Json;
}

const SPEC_ID = 'openchoreo-api';

/**
 * Makes an OpenAPI 3.0 schema a JSON schema ajv accepts: `nullable` and refs into the spec
 * document. With `oneOfAsAnyOf`, `oneOf` is read as `anyOf`: the Observer's spec lists
 * overlapping alternatives (every `WorkflowSearchScope` is also a `ComponentSearchScope`, every
 * workflow log entry also a component log entry, none closed by `additionalProperties`), so a
 * strict `oneOf` would reject every body; its server picks the alternative by the fields present.
 */
function toJsonSchema(node: unknown, oneOfAsAnyOf = false): unknown {
  if (Array.isArray(node)) return node.map(n => toJsonSchema(n, oneOfAsAnyOf));
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      out.$ref = `${SPEC_ID}${value}`;
    } else if (key === 'oneOf' && oneOfAsAnyOf) {
      out.anyOf = toJsonSchema(value, oneOfAsAnyOf);
    } else {
      out[key] = toJsonSchema(value, oneOfAsAnyOf);
    }
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function templateToRegExp(template: string): RegExp {
  const pattern = template
    .split('/')
    .map(segment =>
      segment.startsWith('{')
        ? '[^/]+'
        : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}$`);
}

/** Validates requests and responses against the operations of the real OpenChoreo OpenAPI spec. */
export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly paths: {
    template: string;
    regexp: RegExp;
    literal: number;
  }[];

  /** Loads the contract-check artifact of a spec (default: the OpenChoreo API). */
  static load(name: SpecName = 'openchoreo-api'): SpecValidator {
    return new SpecValidator(
      JSON.parse(readFileSync(contractArtifactFile(name), 'utf8')),
      { oneOfAsAnyOf: name === 'observer-api' },
    );
  }

  private readonly oneOfAsAnyOf: boolean;

  constructor(
    private readonly spec: Json,
    options: { oneOfAsAnyOf?: boolean } = {},
  ) {
    this.oneOfAsAnyOf = options.oneOfAsAnyOf ?? false;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(
      { components: toJsonSchema(spec.components, this.oneOfAsAnyOf) },
      SPEC_ID,
    );
    this.paths = Object.keys(spec.paths).map(template => ({
      template,
      regexp: templateToRegExp(template),
      literal: template.replace(/\{[^}]+\}/g, '').length,
    }));
  }

  /** The spec operation serving `method` on a concrete path (query string ignored), if any. */
  findOperation(method: string, urlPath: string): SpecOperation | undefined {
    const pathOnly = urlPath.split('?')[0];
    const candidates = this.paths
      .filter(p => p.regexp.test(pathOnly))
      .sort((a, b) => b.literal - a.literal);
    for (const candidate of candidates) {
      const definition =
        this.spec.paths[candidate.template][method.toLowerCase()];
      if (definition) {
        return {
          method: method.toUpperCase(),
          pathTemplate: candidate.template,
          operationId: definition.operationId,
          definition,
        };
      }
    }
    return undefined;
  }

  private resolve(node: Json): Json {
    let current = node;
    while (current && typeof current.$ref === 'string') {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce((acc: Json, key: string) => acc[key], this.spec);
    }
    return current;
  }

  private validate(key: string, schema: unknown, body: unknown): string[] {
    let validator = this.compiled.get(key);
    if (!validator) {
      validator = this.ajv.compile(
        toJsonSchema(schema, this.oneOfAsAnyOf) as object,
      );
      this.compiled.set(key, validator);
    }
    if (validator(body)) return [];
    return (validator.errors ?? []).map(
      e =>
        `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(
          e.params,
        )}`,
    );
  }

  /**
   * Validates a response: the status must be documented for the operation and the body must match
   * its JSON schema (or be empty for bodiless responses). Returns the problems found.
   */
  validateResponse(
    operation: SpecOperation,
    status: number,
    body: unknown,
    contentType = 'application/json',
  ): string[] {
    const response = operation.definition.responses?.[String(status)];
    if (!response) {
      return [`${operation.operationId}: status ${status} is not documented`];
    }
    const content = this.resolve(response).content;
    if (!content) {
      const empty =
        body === undefined ||
        body === '' ||
        (typeof body === 'object' &&
          body !== null &&
          Object.keys(body).length === 0);
      return empty
        ? []
        : [`${operation.operationId}: ${status} must have no body`];
    }
    const mediaType = Object.keys(content).find(type =>
      contentType.startsWith(type),
    );
    if (!mediaType) {
      return [
        `${
          operation.operationId
        }: ${status} content type ${contentType} is not one of ${Object.keys(
          content,
        ).join(', ')}`,
      ];
    }
    return this.validate(
      `${operation.operationId}:${status}:${mediaType}`,
      content[mediaType].schema,
      body,
    );
  }

  /** Validates a request body against the operation's request schema. Returns the problems found. */
  validateRequest(operation: SpecOperation, body: unknown): string[] {
    const requestBody = operation.definition.requestBody;
    if (!requestBody)
      return body === undefined
        ? []
        : [`${operation.operationId} takes no body`];
    const schema =
      this.resolve(requestBody).content?.['application/json']?.schema;
    return this.validate(`${operation.operationId}:request`, schema, body);
  }
}
