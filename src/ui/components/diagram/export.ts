import { laneX, type Layout } from './geometry';

/** Styles that make the picture what it is; copied from the page onto each element of the copy. */
const STYLES = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor'] as const;

/**
 * The part of the diagram in view as a standalone SVG document: the drawn bands cut to the view,
 * colours and fonts copied from the page's theme (the copy has no stylesheet), the lanes named
 * at the top, on the theme's background.
 */
export function diagramSvg(svg: SVGSVGElement, layout: Layout, view: { top: number; height: number }): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = svg.querySelectorAll('*');
  const to = copy.querySelectorAll('*');
  for (let i = 0; i < from.length; i++) {
    const computed = getComputedStyle(from[i]!);
    const target = to[i] as SVGElement;
    target.removeAttribute('class');
    target.removeAttribute('tabindex');
    target.removeAttribute('role');
    for (const name of STYLES) target.style.setProperty(name, computed.getPropertyValue(name));
  }
  const { width } = layout;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(view.height));
  copy.setAttribute('viewBox', `0 ${view.top} ${width} ${view.height}`);
  const page = getComputedStyle(svg.closest('.diagram') ?? svg);
  const ns = 'http://www.w3.org/2000/svg';
  const background = document.createElementNS(ns, 'rect');
  Object.entries({ x: 0, y: view.top, width, height: view.height, fill: page.getPropertyValue('background-color') || '#fff' })
    .forEach(([k, v]) => background.setAttribute(k, String(v)));
  copy.insertBefore(background, copy.firstChild);
  for (const node of layout.lanes) {
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String(laneX(layout, node)));
    label.setAttribute('y', String(view.top + 14));
    label.setAttribute('text-anchor', 'middle');
    // Styles through the CSSOM: the page's CSP (style-src 'self') refuses style attributes set as text.
    label.style.setProperty('font', `600 12px ${page.fontFamily}`);
    label.style.setProperty('fill', page.color);
    label.textContent = `Node ${node}`;
    copy.appendChild(label);
  }
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG drawn on a canvas, at twice its size for sharp lines. */
export async function svgToPng(markup: string, width: number, height: number): Promise<Blob> {
  const image = new Image();
  // A data: URL, as the page's CSP allows images from (img-src 'self' data:), not blob:.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  return new Promise<Blob>((done, fail) => canvas.toBlob((blob) => (blob ? done(blob) : fail(new Error('PNG encoding failed'))), 'image/png'));
}
