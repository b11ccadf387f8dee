/**
 * The portal's mark: a ring holding three points, the components OpenChoreo runs together.
 * Drawn here (no image file) in `color`; public/favicon.svg draws the same on a dark tile.
 */
export const OpenChoreoMark = (props: {
  /** Height in px; the mark is square. */
  size: number;
  color?: string;
  className?: string;
}) => {
  const { size, color = '#7df3e1', className } = props;
  return (
    <svg
      className={className}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 64 64"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      <circle
        cx="32"
        cy="32"
        r="25"
        fill="none"
        stroke={color}
        strokeWidth="7"
      />
      <circle cx="32" cy="21" r="6" fill={color} />
      <circle cx="22" cy="38" r="6" fill={color} />
      <circle cx="42" cy="38" r="6" fill={color} />
    </svg>
  );
};
