import { ApiError } from './errors';

/** One requirement of a Kubernetes label selector. */
export type LabelRequirement =
  | { key: string; op: 'exists' | 'notExists' }
  | { key: string; op: 'in' | 'notIn'; values: string[] };

const KEY =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function invalid(selector: string, why: string): ApiError {
  return new ApiError(
    'BAD_REQUEST',
    `Invalid label selector "${selector}": ${why}`,
  );
}

/** Splits on commas that are not inside a `( ... )` value set. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim());
}

function checkKey(selector: string, key: string) {
  if (!KEY.test(key)) throw invalid(selector, `invalid label key "${key}"`);
}

function checkValue(selector: string, value: string) {
  if (!VALUE.test(value) || value.length > 63) {
    throw invalid(selector, `invalid label value "${value}"`);
  }
}

/**
 * Parses Kubernetes label selector syntax: `a=b`, `a==b`, `a!=b`, `a`, `!a`,
 * `a in (x,y)`, `a notin (x,y)`, comma-separated and ANDed. Invalid syntax is a 400.
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  if (selector.trim() === '') return [];
  return splitRequirements(selector).map(part => {
    let m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = m[3].split(',').map(v => v.trim());
      checkKey(selector, m[1]);
      values.forEach(v => checkValue(selector, v));
      return { key: m[1], op: m[2] === 'in' ? 'in' : 'notIn', values };
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/.exec(part);
    if (m) {
      checkKey(selector, m[1]);
      checkValue(selector, m[3]);
      return { key: m[1], op: m[2] === '!=' ? 'notIn' : 'in', values: [m[3]] };
    }
    m = /^(!?)\s*([^=!\s()]+)$/.exec(part);
    if (m) {
      checkKey(selector, m[2]);
      return { key: m[2], op: m[1] ? 'notExists' : 'exists' };
    }
    throw invalid(selector, `cannot parse requirement "${part}"`);
  });
}

/** True when the labels satisfy every requirement (Kubernetes semantics: `!=`/`notin` match absent keys). */
export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every(req => {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    switch (req.op) {
      case 'exists':
        return has;
      case 'notExists':
        return !has;
      case 'in':
        return has && req.values.includes(labels[req.key]);
      case 'notIn':
        return !has || !req.values.includes(labels[req.key]);
      default:
        return false;
    }
  });
}
