import { Response, Router } from 'express';

/** Answers a test-control request the emulator cannot honour, with what to do. */
export const refuse = (res: Response, status: number, message: string) =>
  res.status(status).json({ message });

/** A string field of a JSON body, or undefined. */
export const bodyText = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};

/** `PUT /rate-limit` `{exhausted: boolean}`: switches an emulator's rate-limit simulation. */
export function rateLimitControl(
  setRateLimitExhausted: (exhausted: boolean) => void,
): Router {
  const router = Router();
  router.put('/rate-limit', (req, res) => {
    if (typeof req.body?.exhausted !== 'boolean') {
      refuse(res, 422, 'Send {"exhausted": true} or {"exhausted": false}');
      return;
    }
    setRateLimitExhausted(req.body.exhausted);
    res.json({ exhausted: req.body.exhausted });
  });
  return router;
}
