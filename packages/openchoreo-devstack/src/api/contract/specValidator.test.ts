import { SpecValidator } from './specValidator';

const validator = SpecValidator.load();

describe('SpecValidator', () => {
  const listComponents = validator.findOperation(
    'GET',
    '/api/v1/namespaces/default/components?limit=1',
  )!;

  it('matches concrete paths to the most specific operation', () => {
    expect(listComponents.operationId).toBe('listComponents');
    expect(
      validator.findOperation('GET', '/api/v1/clusterworkflows/x/schema')!
        .operationId,
    ).toBe('getClusterWorkflowSchema');
    expect(
      validator.findOperation('GET', '/api/v1/namespaces/default')!.operationId,
    ).toBe('getNamespace');
    expect(
      validator.findOperation(
        'PATCH',
        '/api/v1/namespaces/default/components/x',
      ),
    ).toBeUndefined();
  });

  it('accepts a conforming body and rejects violations', () => {
    const component = {
      metadata: { name: 'a' },
      spec: {
        owner: { projectName: 'p' },
        componentType: { name: 'deployment/service' },
      },
    };
    expect(
      validator.validateResponse(listComponents, 200, {
        items: [component],
        pagination: {},
      }),
    ).toEqual([]);
    expect(
      validator.validateResponse(listComponents, 200, { items: [component] }),
    ).not.toEqual([]);
    const badType = {
      ...component,
      spec: { ...component.spec, componentType: { name: 'service' } },
    };
    expect(
      validator.validateResponse(listComponents, 200, {
        items: [badType],
        pagination: {},
      }),
    ).not.toEqual([]);
    expect(validator.validateResponse(listComponents, 418, {})).toEqual([
      'listComponents: status 418 is not documented',
    ]);
  });

  it('checks error bodies against ErrorResponse', () => {
    expect(
      validator.validateResponse(listComponents, 404, {
        error: 'Project not found',
        code: 'NOT_FOUND',
      }),
    ).toEqual([]);
    expect(
      validator.validateResponse(listComponents, 404, {
        error: 'MISSING_TOKEN',
        message: 'x',
      }),
    ).not.toEqual([]);
  });

  it('validates request bodies', () => {
    const create = validator.findOperation(
      'POST',
      '/api/v1/namespaces/default/workloads',
    )!;
    expect(
      validator.validateRequest(create, {
        metadata: { name: 'w' },
        spec: { container: { image: 'x' } },
      }),
    ).toEqual([]);
    expect(
      validator.validateRequest(create, {
        metadata: { name: 'w' },
        spec: { container: {} },
      }),
    ).not.toEqual([]);
  });
});

describe('SpecValidator of the Observer', () => {
  const observer = SpecValidator.load('observer-api');
  const queryLogs = observer.findOperation('POST', '/api/v1/logs/query')!;

  it('finds its operations', () => {
    expect(queryLogs.operationId).toBe('queryLogs');
    expect(
      observer.findOperation('GET', '/api/v1/namespaces/default/components'),
    ).toBeUndefined();
  });

  it('checks log queries and their error bodies', () => {
    expect(
      observer.validateRequest(queryLogs, {
        startTime: '2026-08-21T10:00:00Z',
        endTime: '2026-08-21T11:00:00Z',
        searchScope: { namespace: 'default', workflowRunName: 'r' },
        limit: 5000,
      }),
    ).toContainEqual(expect.stringMatching(/^\/limit must be <= 1000/));
    expect(
      observer.validateResponse(queryLogs, 400, {
        title: 'badRequest',
        errorCode: 'OBS-L-1',
        message: 'endTime is required',
      }),
    ).toEqual([]);
    expect(
      observer.validateResponse(queryLogs, 400, { title: 'Bad Request' }),
    ).not.toEqual([]);
  });
});
