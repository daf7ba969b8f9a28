/** A table's header row: one column header per title. */
export function TableHead({ titles }: { titles: readonly string[] }) {
  return (
    <thead>
      <tr class="border-b border-slate-300">
        {titles.map((title) => (
          <th key={title} scope="col" class="p-2 font-semibold">
            {title}
          </th>
        ))}
      </tr>
    </thead>
  )
}
