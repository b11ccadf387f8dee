import { isReservedAnnotation } from './annotations';

describe('isReservedAnnotation', () => {
  it.each([
    'openchoreo.dev/workload',
    'openchoreo.io/project',
    'backstage.io/managed-by-location',
    'kubernetes.io/name',
    'app.kubernetes.io/name',
  ])('reserves %s', key => {
    expect(isReservedAnnotation(key)).toBe(true);
  });

  it.each([
    'jenkins.io/job-full-name',
    'github.com/project-slug',
    'team',
    'example.com/openchoreo.io',
    'notbackstage.io/x',
  ])('leaves %s editable', key => {
    expect(isReservedAnnotation(key)).toBe(false);
  });
});
