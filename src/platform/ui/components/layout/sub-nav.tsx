/** A module's own navigation under its heading: a labelled list of links, the current page marked for assistive technology. */
export function SubNav({ label, items, current }: { label: string; items: ReadonlyArray<{ key: string; href: string; label: string }>; current: string }) {
  return (
    <nav aria-label={label} class="sub-nav">
      <ul class="inline-list">
        {items.map((item) => (
          <li>
            <a href={item.href} aria-current={item.key === current ? "page" : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
