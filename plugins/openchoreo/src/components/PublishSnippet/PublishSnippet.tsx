import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet } from '@backstage/core-components';
import {
  renderPipelineSnippet,
  type PipelineSnippetPlatform,
  type PipelineSnippetTarget,
} from '@openchoreo-ci/plugin-openchoreo-common';

const PLATFORMS: Array<{ platform: PipelineSnippetPlatform; label: string }> = [
  { platform: 'jenkins', label: 'Jenkins' },
  { platform: 'github-actions', label: 'GitHub Actions' },
  { platform: 'gitlab-ci', label: 'GitLab CI' },
  { platform: 'shell', label: 'Any CI (shell)' },
];

/** Height (px) above which the step scrolls inside the card. */
const SNIPPET_MAX_HEIGHT = 360;

/**
 * The pipeline step that publishes a component's Workload, for each CI: the text comes from the
 * common `renderPipelineSnippet` (curl and jq only) and runs exactly as shown.
 */
export function PublishSnippet(props: {
  target: PipelineSnippetTarget;
  /** The tab shown first (default: any CI). */
  initialPlatform?: PipelineSnippetPlatform;
}) {
  const [platform, setPlatform] = useState<PipelineSnippetPlatform>(
    props.initialPlatform ?? 'shell',
  );
  const snippet = renderPipelineSnippet(platform, props.target);
  return (
    <Box data-testid="publish-snippet" data-platform={platform}>
      <Tabs
        value={platform}
        onChange={(_, value: PipelineSnippetPlatform) => setPlatform(value)}
        indicatorColor="primary"
        variant="scrollable"
        aria-label="CI platform of the snippet"
      >
        {PLATFORMS.map(p => (
          <Tab key={p.platform} value={p.platform} label={p.label} />
        ))}
      </Tabs>
      <Box mt={1}>
        <Typography variant="body2" gutterBottom>
          {snippet.instructions}
        </Typography>
        {/* The step is long (the whole curl-and-jq script): keep the card readable. */}
        <Box
          maxHeight={SNIPPET_MAX_HEIGHT}
          overflow="auto"
          data-testid="publish-snippet-code"
        >
          <CodeSnippet
            language={snippet.language}
            text={snippet.text}
            showCopyCodeButton
          />
        </Box>
        <Typography variant="caption" color="textSecondary">
          {snippet.text.split('\n').length} lines: scroll to read them, or copy
          the whole step with the button at its top right.
        </Typography>
      </Box>
    </Box>
  );
}
