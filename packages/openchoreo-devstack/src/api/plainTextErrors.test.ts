import request from 'supertest';
import { createOpenChoreoApiRouter } from './router';
import { startTestIdp, type TestIdp } from './__testUtils__/testIdp';

let idp: TestIdp;
let token: string;
beforeAll(async () => {
  idp = await startTestIdp();
  token = await idp.token();
});
afterAll(() => idp.close());

const api = () =>
  createOpenChoreoApiRouter({
    auth: { issuer: idp.issuer, jwksUri: idp.jwksUri },
  });

describe('plain-text 400s of the request decoding layer', () => {
  it('answers unparseable JSON bodies in plain text', async () => {
    const res = await request(api())
      .post('/api/v1/namespaces/default/projects')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"metadata": {');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('JSON');
  });

  it.each([
    '/api/v1/namespaces/default/components?limit=abc',
    '/api/v1/clusterworkflows?limit=1.5',
    '/api/v1/namespaces/default/workflowruns/greeting-service-run-5e6f7a8b/logs?sinceSeconds=soon',
  ])('answers unparseable query parameters in plain text: %s', async url => {
    const res = await request(api())
      .get(url)
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /Invalid format for parameter (limit|sinceSeconds)/,
    );
  });
});
