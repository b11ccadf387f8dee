import { OpenChoreoMark } from './OpenChoreoMark';

/** The collapsed sidebar's logo: the mark alone. */
export const LogoIcon = () => <OpenChoreoMark size={28} />;
