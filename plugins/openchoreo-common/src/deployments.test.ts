import {
  gitopsReleaseBranch,
  isDeploymentInProgress,
  isGitopsReleaseBranch,
  parseGitopsRepository,
  type ComponentDeploymentsResponse,
} from './deployments';

describe('parseGitopsRepository', () => {
  it('reads web URLs, clone URLs and scp-like git addresses', () => {
    expect(parseGitopsRepository('https://github.com/acme/gitops')).toEqual({
      host: 'github.com',
      slug: 'acme/gitops',
      webUrl: 'https://github.com/acme/gitops',
    });
    expect(
      parseGitopsRepository(
        ' https://gitlab.example.com:8443/platform/deploy/gitops.git/ ',
      ),
    ).toEqual({
      host: 'gitlab.example.com:8443',
      slug: 'platform/deploy/gitops',
      webUrl: 'https://gitlab.example.com:8443/platform/deploy/gitops',
    });
    expect(
      parseGitopsRepository('http://127.0.0.1:8083/openchoreo/sample-gitops'),
    ).toEqual({
      host: '127.0.0.1:8083',
      slug: 'openchoreo/sample-gitops',
      webUrl: 'http://127.0.0.1:8083/openchoreo/sample-gitops',
    });
    expect(parseGitopsRepository('git@github.com:acme/gitops.git')).toEqual({
      host: 'github.com',
      slug: 'acme/gitops',
      webUrl: 'https://github.com/acme/gitops',
    });
  });

  it('says what is wrong with a value that names no repository', () => {
    expect(parseGitopsRepository('acme/gitops')).toEqual({
      error:
        '"acme/gitops" is not a repository URL: use e.g. https://github.com/my-org/gitops',
    });
    expect(
      parseGitopsRepository('ftp://github.com/acme/gitops'),
    ).toHaveProperty(
      'error',
      expect.stringContaining('must be an http(s) URL'),
    );
    expect(parseGitopsRepository('https://github.com/acme')).toHaveProperty(
      'error',
      expect.stringContaining('does not name a repository'),
    );
  });
});

describe('the GitOps release branch', () => {
  it('is release/<component>-YYYYMMDD-HHMMSS in UTC, and recognised only for its component', () => {
    const branch = gitopsReleaseBranch(
      'orders',
      new Date('2026-05-04T10:20:30.456Z'),
    );
    expect(branch).toBe('release/orders-20260504-102030');
    expect(isGitopsReleaseBranch('orders', branch)).toBe(true);
    expect(isGitopsReleaseBranch('orders-api', branch)).toBe(false);
    expect(
      isGitopsReleaseBranch('orders', 'release/orders-api-20260504-102030'),
    ).toBe(false);
    expect(isGitopsReleaseBranch('orders', 'release/orders-next')).toBe(false);
  });
});

describe('isDeploymentInProgress', () => {
  const response = (
    latest: ComponentDeploymentsResponse['latestBuild']['state'],
    states: Array<
      ComponentDeploymentsResponse['environments'][number]['state']
    >,
  ): ComponentDeploymentsResponse => ({
    namespace: 'default',
    component: 'orders',
    project: 'shop',
    autoDeploy: true,
    environments: states.map((state, i) => ({ environment: `e${i}`, state })),
    latestBuild: { state: latest, message: '' },
  });

  it('holds while the latest build is deploying or an environment is progressing', () => {
    expect(
      isDeploymentInProgress(response('deploying', ['not-deployed'])),
    ).toBe(true);
    expect(
      isDeploymentInProgress(response('deployed', ['ready', 'progressing'])),
    ).toBe(true);
    expect(
      isDeploymentInProgress(
        response('failed', ['failed', 'ready', 'not-deployed']),
      ),
    ).toBe(false);
  });
});
