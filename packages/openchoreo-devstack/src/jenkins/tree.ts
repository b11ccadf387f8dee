/** A parsed Jenkins `tree=` expression: the properties kept at each level. */
export interface TreeSpec {
  children: Map<string, TreeSpec>;
  /** `{min,max}` slice applied to arrays, max exclusive. */
  range: [number, number];
}

const ALL: [number, number] = [0, Number.MAX_SAFE_INTEGER];

/** Raised for a malformed `tree=` expression. */
export class TreeSyntaxError extends Error {}

/** Parses `a,b[c,d]{0,10}` like Stapler's NamedPathPruner does. */
export function parseTree(spec: string): TreeSpec {
  const tokens = spec.match(/[,[\]{}]|[^,[\]{}]+/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (token: string) => {
    if (tokens[pos] !== token) {
      throw new TreeSyntaxError(`expected '${token}' in tree=${spec}`);
    }
    pos++;
  };
  const number = () => {
    const token = tokens[pos++];
    if (!token || !/^[0-9]+$/.test(token)) {
      throw new TreeSyntaxError(`expected a number in tree=${spec}`);
    }
    return Number(token);
  };
  const range = (): [number, number] => {
    if (peek() === ',') {
      pos++;
      return [0, number()];
    }
    const min = number();
    if (peek() === '}') return [min, min + 1];
    expect(',');
    return peek() === '}' ? [min, ALL[1]] : [min, number()];
  };
  const list = (tree: TreeSpec) => {
    for (;;) {
      const name = tokens[pos++];
      if (!name || /^[,[\]{}]$/.test(name)) {
        throw new TreeSyntaxError(`expected a name in tree=${spec}`);
      }
      const child: TreeSpec = { children: new Map(), range: ALL };
      tree.children.set(name, child);
      if (peek() === '[') {
        pos++;
        list(child);
        expect(']');
      }
      if (peek() === '{') {
        pos++;
        child.range = range();
        expect('}');
      }
      if (peek() !== ',') return;
      pos++;
    }
  };
  const root: TreeSpec = { children: new Map(), range: ALL };
  list(root);
  if (pos !== tokens.length) {
    throw new TreeSyntaxError(`unexpected '${peek()}' in tree=${spec}`);
  }
  return root;
}

function isBean(value: object): value is Record<string, unknown> {
  return '_class' in value;
}

/**
 * Keeps only what `tree` selects, as Stapler does: a bean (an object with
 * `_class`) keeps `_class` plus the properties the tree names (or `*`), each
 * pruned by the matching subtree; arrays and plain maps pass the same tree on
 * to their items, arrays sliced by the tree's range.
 */
export function applyTree(value: unknown, tree: TreeSpec): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return value.slice(...tree.range).map(item => applyTree(item, tree));
  }
  const out: Record<string, unknown> = {};
  if (!isBean(value)) {
    for (const [key, item] of Object.entries(value)) {
      out[key] = applyTree(item, tree);
    }
    return out;
  }
  out._class = value._class;
  for (const [key, item] of Object.entries(value)) {
    if (key === '_class') continue;
    const subtree = tree.children.get(key) ?? tree.children.get('*');
    if (subtree) out[key] = applyTree(item, subtree);
  }
  return out;
}
