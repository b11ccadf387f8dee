import { applyTree, parseTree } from './tree';

describe('tree', () => {
  it('parses ranges like Stapler', () => {
    const tree = parseTree('a,b[c]{0,2},d{3},e{,4},f{5,}');
    expect(tree.children.get('b')?.range).toEqual([0, 2]);
    expect(tree.children.get('b')?.children.has('c')).toBe(true);
    expect(tree.children.get('d')?.range).toEqual([3, 4]);
    expect(tree.children.get('e')?.range).toEqual([0, 4]);
    expect(tree.children.get('f')?.range[0]).toBe(5);
    for (const bad of ['', 'a,', ',b', 'a[', 'a[]', 'a]', 'a{}', 'a{b}']) {
      expect(() => parseTree(bad)).toThrow();
    }
  });

  it('keeps only _class of a bean selected without children', () => {
    const value = { _class: 'Job', lastBuild: { _class: 'Run', number: 1 } };
    expect(applyTree(value, parseTree('lastBuild'))).toEqual({
      _class: 'Job',
      lastBuild: { _class: 'Run' },
    });
  });

  it('passes maps and arrays through without consuming a level', () => {
    // The shape of git BuildData under the plugin's actions[*[*[*[*]]]].
    const build = {
      _class: 'Run',
      actions: [
        {
          _class: 'BuildData',
          buildsByBranchName: {
            'refs/remotes/origin/main': {
              _class: 'Build',
              revision: {
                _class: 'Revision',
                branch: [{ _class: 'Branch', name: 'main', SHA1: 'abc' }],
              },
            },
          },
        },
      ],
    };
    const deep = applyTree(build, parseTree('actions[*[*[*[*]]]]')) as any;
    expect(
      deep.actions[0].buildsByBranchName['refs/remotes/origin/main'].revision
        .branch[0],
    ).toEqual({ _class: 'Branch', name: 'main', SHA1: 'abc' });
    const shallow = applyTree(build, parseTree('actions[*[*[*]]]')) as any;
    expect(
      shallow.actions[0].buildsByBranchName['refs/remotes/origin/main'].revision
        .branch[0],
    ).toEqual({ _class: 'Branch' });
  });
});
