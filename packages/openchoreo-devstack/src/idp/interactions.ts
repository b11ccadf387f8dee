import express from 'express';
import type { Request, Response, Router } from 'express';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import { renderLoginPage } from './loginPage';
import { findUserByLogin } from './seed';

/**
 * Creates the routes of the sign-in interaction: a password form for the login prompt, and an
 * automatic grant of everything requested for the consent prompt (the devstack has no consent
 * screen).
 */
export function createInteractionRouter(provider: Provider): Router {
  const router = express.Router();

  router.get('/interaction/:uid', async (req, res, next) => {
    try {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.prompt.name === 'login') {
        res.type('html').send(
          renderLoginPage({
            uid: interaction.uid,
            clientId: String(interaction.params.client_id),
          }),
        );
        return;
      }
      await grantEverythingRequested(provider, interaction, req, res);
    } catch (error) {
      next(error);
    }
  });

  router.post(
    '/interaction/:uid/login',
    express.urlencoded({ extended: false }),
    async (req, res, next) => {
      try {
        const interaction = await provider.interactionDetails(req, res);
        const login = String(req.body?.login ?? '');
        const user = findUserByLogin(login, String(req.body?.password ?? ''));
        if (!user) {
          res
            .status(401)
            .type('html')
            .send(
              renderLoginPage({
                uid: interaction.uid,
                clientId: String(interaction.params.client_id),
                login,
                error: 'Unknown user or wrong password.',
              }),
            );
          return;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: user.id } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        next(error);
      }
    },
  );

  return router;
}

async function grantEverythingRequested(
  provider: Provider,
  interaction: Interaction,
  req: Request,
  res: Response,
): Promise<void> {
  const { prompt, params, session } = interaction;
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({
        accountId: session!.accountId,
        clientId: String(params.client_id),
      });
  if (!grant) {
    throw new Error(`Grant ${interaction.grantId} of the interaction is gone`);
  }
  const details = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope) {
    grant.addOIDCScope(details.missingOIDCScope.join(' '));
  }
  if (details.missingOIDCClaims) {
    grant.addOIDCClaims(details.missingOIDCClaims);
  }
  for (const [resource, scopes] of Object.entries(
    details.missingResourceScopes ?? {},
  )) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: interaction.grantId ? {} : { grantId } },
    { mergeWithLastSubmission: true },
  );
}
