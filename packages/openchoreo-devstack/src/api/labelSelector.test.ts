import { matchesLabels, parseLabelSelector } from './labelSelector';

const matches = (selector: string, labels: Record<string, string>) =>
  matchesLabels(parseLabelSelector(selector), labels);

describe('label selectors', () => {
  const labels = {
    app: 'frontend',
    tier: 'web',
    'openchoreo.dev/component': 'greeting-service',
  };

  it.each([
    ['app=frontend', true],
    ['app==frontend', true],
    ['app=backend', false],
    ['app!=backend', true],
    ['app!=frontend', false],
    ['missing!=x', true],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!tier', false],
    ['app in (frontend, backend)', true],
    ['app notin (frontend,backend)', false],
    ['missing notin (a)', true],
    ['app=frontend,tier!=db,!deprecated', true],
    ['app=frontend,tier=db', false],
    ['openchoreo.dev/component=greeting-service', true],
    ['', true],
  ])('%s -> %s', (selector, expected) => {
    expect(matches(selector, labels)).toBe(expected);
  });

  it.each(['a in (b', 'a=b=c', '=b', 'a b', 'Bad Key=1'])(
    'rejects %s with a 400',
    selector => {
      expect(() => parseLabelSelector(selector)).toThrow(
        expect.objectContaining({ status: 400 }),
      );
    },
  );
});
