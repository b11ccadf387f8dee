/**
 * jsdom lays nothing out: every element is 0px tall and scrolling does nothing, so a virtualized
 * list would draw no line. This gives the elements matching `viewport` a visible height and a
 * scroll height (that of their tallest child, by its inline style), those matching `row` a
 * height, and makes `scrollTo` scroll (and then fire `scroll`) like a browser. Returns the function
 * that undoes it.
 */
export function mockLayout(options: {
  viewport: string;
  viewportHeight: number;
  row: string;
  rowHeight: number;
}): () => void {
  const proto = HTMLElement.prototype;
  const saved = [
    'clientHeight',
    'clientWidth',
    'offsetHeight',
    'scrollHeight',
    'scrollTop',
  ].map(name => [name, Object.getOwnPropertyDescriptor(proto, name)] as const);
  const savedScrollTo = Element.prototype.scrollTo;
  const scrollTops = new WeakMap<Element, number>();
  const heightOf = (el: Element) => {
    if (el.matches(options.viewport)) return options.viewportHeight;
    if (el.matches(options.row)) return options.rowHeight;
    return 0;
  };
  Object.defineProperties(proto, {
    clientHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return heightOf(this);
      },
    },
    clientWidth: {
      configurable: true,
      get(this: HTMLElement) {
        return this.matches(options.viewport) ? 800 : 0;
      },
    },
    offsetHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return heightOf(this);
      },
    },
    scrollHeight: {
      configurable: true,
      get(this: HTMLElement) {
        if (!this.matches(options.viewport)) return heightOf(this);
        return Math.max(
          0,
          ...[...this.children].map(
            child => parseFloat((child as HTMLElement).style.height) || 0,
          ),
        );
      },
    },
    scrollTop: {
      configurable: true,
      get(this: HTMLElement) {
        return scrollTops.get(this) ?? 0;
      },
      set(this: HTMLElement, top: number) {
        scrollTops.set(this, top);
      },
    },
  });
  Element.prototype.scrollTo = function scrollTo(
    this: Element,
    to?: ScrollToOptions | number,
  ) {
    const top = typeof to === 'object' ? to.top : undefined;
    if (top !== undefined) {
      scrollTops.set(this, top);
      // A browser fires `scroll` later, not inside the call.
      setTimeout(() => this.dispatchEvent(new Event('scroll')));
    }
  } as Element['scrollTo'];
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proto, name, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[name];
    }
    Element.prototype.scrollTo = savedScrollTo;
  };
}
