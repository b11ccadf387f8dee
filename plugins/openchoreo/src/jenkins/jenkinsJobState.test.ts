import {
  branchName,
  classifyJenkinsFailure,
  jenkinsJobUrl,
  jenkinsRunStatus,
  shortJenkinsMessage,
} from './jenkinsJobState';

describe('the Jenkins job state rules', () => {
  // The community backend's real messages (from the devstack's Jenkins emulator).
  it.each([
    [
      'Jenkins API error 404 GET http://j/job/demo-project/job/missing/api/json?tree=jobs%5B: <h2>HTTP ERROR 404 Not Found</h2>',
      'job-not-found',
    ],
    [
      'Jenkins API error 401 GET http://j/job/a/api/json?tree=x: <html><body><h2>HTTP ERROR 401 Invalid password/token for user: admin</h2></body></html>',
      'refused',
    ],
    ['Jenkins API error 403 GET http://j/job/a/api/json', 'refused'],
    [
      'request to http://127.0.0.1:9/job/a/api/json?tree=x failed, reason: connect ECONNREFUSED 127.0.0.1:9',
      'unreachable',
    ],
    ['getaddrinfo ENOTFOUND jenkins.internal', 'unreachable'],
    ["Cannot read properties of null (reading 'number')", 'error'],
  ])('classifies %s', (message, kind) => {
    expect(classifyJenkinsFailure(message)).toBe(kind);
  });

  it('shortens messages without losing the cause', () => {
    expect(
      shortJenkinsMessage(
        'Jenkins API error 401 GET http://j/job/a/api/json?tree=jobs%5Bx%5D: <html><body><h2>HTTP ERROR 401 Invalid password/token for user: admin</h2></body></html>',
      ),
    ).toBe(
      'Jenkins API error 401 GET http://j/job/a/api/json: HTTP ERROR 401 Invalid password/token for user: admin',
    );
  });

  it('builds job URLs and branch names', () => {
    expect(jenkinsJobUrl('http://j:8080/', 'my folder/svc')).toBe(
      'http://j:8080/job/my%20folder/job/svc/',
    );
    expect(branchName('refs/remotes/origin/main')).toBe('main');
    expect(branchName('origin/feature/x')).toBe('feature/x');
    expect(branchName(undefined)).toBeUndefined();
  });

  it('maps Jenkins results to the one status vocabulary', () => {
    expect(jenkinsRunStatus({ building: true, result: null })).toEqual({
      status: 'running',
    });
    expect(jenkinsRunStatus({ result: 'SUCCESS' }).status).toBe('succeeded');
    expect(jenkinsRunStatus({ result: 'UNSTABLE' })).toEqual({
      status: 'failed',
      detail: 'unstable',
    });
    expect(jenkinsRunStatus({ result: 'ABORTED' }).status).toBe('cancelled');
  });
});
