import { makeStyles } from '@material-ui/core';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { OpenChoreoMark } from './OpenChoreoMark';

/** The portal's name where `app.title` is not set. */
export const DEFAULT_PORTAL_TITLE = 'OpenChoreo';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 10,
    color: '#ffffff',
  },
  mark: {
    flex: 'none',
  },
  title: {
    fontSize: 20,
    fontWeight: 600,
    lineHeight: 1.2,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    // The open sidebar is 224 px wide; the link starts 24 px in.
    maxWidth: 150,
  },
});

/** The open sidebar's logo: the mark and the portal's name (`app.title`). */
export const LogoFull = () => {
  const classes = useStyles();
  const title =
    useApi(configApiRef).getOptionalString('app.title') || DEFAULT_PORTAL_TITLE;
  return (
    <span className={classes.root}>
      <OpenChoreoMark size={30} className={classes.mark} />
      <span className={classes.title} title={title}>
        {title}
      </span>
    </span>
  );
};
