import {
  isReservedAnnotation,
  isValidProvenanceValue,
  isWorkloadProvenanceAnnotation,
  readWorkloadProvenance,
  replaceWorkloadProvenance,
  toWorkloadProvenanceAnnotations,
  WORKLOAD_PROVENANCE_ANNOTATIONS,
  type WorkloadProvenance,
} from '.';

const FULL: WorkloadProvenance = {
  platform: 'jenkins',
  pipeline: 'demo-project/inventory-api',
  runNumber: '42',
  runUrl: 'https://jenkins.example.com/job/demo-project/job/inventory-api/42/',
  commit: 'abc1234def5678abc1234def5678abc1234def56',
  ref: 'main',
  publishedAt: '2026-05-04T10:20:30Z',
  publisher: 'openchoreo-publish-workload/0.1.0',
};

describe('workload provenance annotations', () => {
  it('are under our own prefix, never a reserved one', () => {
    for (const key of Object.values(WORKLOAD_PROVENANCE_ANNOTATIONS)) {
      expect(key).toMatch(/^ci\.openchoreo-ci\.dev\/[a-z-]+$/);
      expect(isReservedAnnotation(key)).toBe(false);
      expect(isWorkloadProvenanceAnnotation(key)).toBe(true);
    }
    expect(isWorkloadProvenanceAnnotation('openchoreo.dev/workload')).toBe(
      false,
    );
  });

  it('round-trips through the annotations', () => {
    const annotations = toWorkloadProvenanceAnnotations(FULL);
    expect(annotations).toEqual({
      'ci.openchoreo-ci.dev/platform': 'jenkins',
      'ci.openchoreo-ci.dev/pipeline': 'demo-project/inventory-api',
      'ci.openchoreo-ci.dev/run-number': '42',
      'ci.openchoreo-ci.dev/run-url':
        'https://jenkins.example.com/job/demo-project/job/inventory-api/42/',
      'ci.openchoreo-ci.dev/commit': 'abc1234def5678abc1234def5678abc1234def56',
      'ci.openchoreo-ci.dev/ref': 'main',
      'ci.openchoreo-ci.dev/published-at': '2026-05-04T10:20:30Z',
      'ci.openchoreo-ci.dev/publisher': 'openchoreo-publish-workload/0.1.0',
    });
    expect(readWorkloadProvenance({ ...annotations, team: 'x' })).toEqual(FULL);
  });

  it('reads nothing from a Workload without provenance', () => {
    expect(readWorkloadProvenance(undefined)).toBeUndefined();
    expect(readWorkloadProvenance({ team: 'orders' })).toBeUndefined();
  });

  it('drops values that break their rule (hand-edited annotations), keeps the rest', () => {
    expect(
      readWorkloadProvenance({
        'ci.openchoreo-ci.dev/platform': 'travis',
        // A link the card must never render.
        // eslint-disable-next-line no-script-url
        'ci.openchoreo-ci.dev/run-url': 'javascript:alert(1)',
        'ci.openchoreo-ci.dev/commit': 'ABC1234',
        'ci.openchoreo-ci.dev/run-number': '#42',
        'ci.openchoreo-ci.dev/ref': 'main\nevil',
        'ci.openchoreo-ci.dev/published-at': 'yesterday',
      }),
    ).toEqual({ commit: 'abc1234' });
  });

  it.each([
    ['platform', 'github-actions', true],
    ['platform', 'circleci', false],
    ['runUrl', 'http://127.0.0.1:8080/job/a/1/', true],
    ['runUrl', 'ftp://jenkins/1', false],
    ['runUrl', 'https://', false],
    ['runUrl', 'https://ci.example.com/a b', false],
    ['commit', 'abc1234', true],
    ['commit', 'abc123', false],
    ['commit', 'xyz1234', false],
    ['commit', 'a'.repeat(65), false],
    ['runNumber', '7', true],
    ['runNumber', '-1', false],
    ['ref', 'release/1.2', true],
    ['ref', 'a\tb', false],
    ['ref', 'x'.repeat(256), false],
    ['pipeline', 'Build and publish', true],
    ['pipeline', ' padded', false],
    ['publishedAt', '2026-05-04T10:20:30.123Z', true],
    ['publishedAt', '2026-13-04T10:20:30Z', false],
  ] as const)('%s %j valid: %s', (field, value, valid) => {
    expect(isValidProvenanceValue(field, value)).toBe(valid);
  });

  it('replaces the previous provenance whole and keeps other annotations', () => {
    const previous = {
      ...toWorkloadProvenanceAnnotations(FULL),
      'team.example.com/owner': 'orders',
    };
    const next = toWorkloadProvenanceAnnotations({
      platform: 'github-actions',
      commit: 'def5678',
      publishedAt: '2026-05-05T00:00:00Z',
    });
    expect(replaceWorkloadProvenance(previous, next)).toEqual({
      'team.example.com/owner': 'orders',
      'ci.openchoreo-ci.dev/platform': 'github-actions',
      'ci.openchoreo-ci.dev/commit': 'def5678',
      'ci.openchoreo-ci.dev/published-at': '2026-05-05T00:00:00Z',
    });
    expect(replaceWorkloadProvenance(undefined, next)).toEqual(next);
  });
});
