/**
 * Toolbar icons as inline SVG (16 px, currentColor): no icon font or emoji, which the machines
 * this runs on may not have.
 */
const svg = (d: string) => (
  <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d={d} />
  </svg>
);

export const Icons = {
  undo: svg('M5 4 2 7l3 3M2.5 7H10a4 4 0 0 1 0 8H7'),
  redo: svg('M11 4l3 3-3 3M13.5 7H6a4 4 0 0 0 0 8h3'),
  link: svg('M6.5 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2L7.6 4.2M9.5 6.5a3 3 0 0 0-4.2 0L3 8.8A3 3 0 0 0 7.2 13l1.2-1.2'),
  articleLink: svg('M3 2.5h6l3 3v8H3zM9 2.5v3h3M5.5 10.5 10 6M7 6h3v3'),
  clear: svg('M3 3h8M7 3 5 13M9.5 9.5l4 4M13.5 9.5l-4 4'),
  indent: svg('M2 3h12M7 6.5h7M7 10h7M2 13.5h12M2 6l2.5 2L2 10'),
  outdent: svg('M2 3h12M7 6.5h7M7 10h7M2 13.5h12M4.5 6 2 8l2.5 2'),
  rowAbove: svg('M2 8h12v6H2zM8 2v4M6 4h4'),
  rowBelow: svg('M2 2h12v6H2zM8 10v4M6 12h4'),
  colLeft: svg('M8 2h6v12H8zM2 8h4M4 6v4'),
  colRight: svg('M2 2h6v12H2zM10 8h4M12 6v4'),
  deleteRow: svg('M2 5h12v6H2zM6 8h4'),
  deleteCol: svg('M5 2h6v12H5zM8 6v4'),
  headerRow: svg('M2 2h12v12H2zM2 6h12M2 2h12v4H2z'),
  deleteTable: svg('M2 2h12v12H2zM5.5 5.5l5 5M10.5 5.5l-5 5'),
};
