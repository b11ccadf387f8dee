import {
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useCiIntegration } from '../../hooks/useCiIntegration';
import {
  IDENTIFIER_LABELS,
  validateExternalCiIdentifier,
  type ExternalCiChoice,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { DeploymentSourceValue } from '../types';

type ExternalSource = Extract<DeploymentSourceValue, { type: 'external-ci' }>;

const PLATFORMS: Array<{ value: ExternalCiChoice; label: string }> = [
  { value: 'jenkins', label: 'Jenkins' },
  { value: 'github-actions', label: 'GitHub Actions' },
  { value: 'gitlab-ci', label: 'GitLab CI' },
  { value: 'none', label: 'Not yet decided' },
];

const HELP: Record<Exclude<ExternalCiChoice, 'none'>, string> = {
  jenkins:
    'The job\'s full name, as Jenkins shows it under "Full project name": folders and job ' +
    'separated by "/", e.g. my-folder/my-service. Not the job URL and not a /job/... path.',
  'github-actions': 'The repository whose workflows build it: owner/repo.',
  'gitlab-ci': 'The project path: group/project or group/subgroup/project.',
};

/** External CI: the platform that builds the component and the job/repository there. */
export function ExternalCiFields(props: {
  value: ExternalSource;
  onChange: (value: ExternalSource) => void;
}) {
  const { value, onChange } = props;
  const { integration: jenkins } = useCiIntegration('jenkins');
  const platform = value.platform;
  const identifier = value.identifier ?? '';
  const error =
    platform && platform !== 'none' && identifier
      ? validateExternalCiIdentifier(platform, identifier)
      : undefined;

  return (
    <>
      <FormControl component="fieldset" margin="normal">
        <FormLabel component="legend">CI platform</FormLabel>
        <RadioGroup
          row
          value={platform ?? ''}
          // Another platform's identifier means nothing here: start empty.
          onChange={e =>
            onChange({
              type: 'external-ci',
              platform: e.target.value as ExternalCiChoice,
            })
          }
        >
          {PLATFORMS.map(p => (
            <FormControlLabel
              key={p.value}
              value={p.value}
              control={<Radio />}
              label={p.label}
            />
          ))}
        </RadioGroup>
      </FormControl>
      {platform === 'jenkins' && jenkins && !jenkins.configured && (
        <Alert severity="info">
          Jenkins is not configured in this portal
          {jenkins.reason ? ` (${jenkins.reason})` : ''}. The component is
          created with its job name, but its Jenkins builds are shown only once
          an administrator configures Jenkins.
        </Alert>
      )}
      {platform && platform !== 'none' && (
        <TextField
          id="openchoreo-ci-identifier"
          fullWidth
          margin="normal"
          required
          label={IDENTIFIER_LABELS[platform]}
          value={identifier}
          error={Boolean(error)}
          helperText={error ?? HELP[platform]}
          onChange={e =>
            onChange({
              type: 'external-ci',
              platform,
              identifier: e.target.value || undefined,
            })
          }
        />
      )}
      {platform === 'none' && (
        <Alert severity="info">
          The component is created without a CI annotation. After creation you
          get a command any CI can run to publish the workload; add the CI
          annotation later with Edit Annotations.
        </Alert>
      )}
    </>
  );
}
