// A card with a form for one thing a party of an order may do: the API's field errors under
// their inputs, its detail above the button.
import type { FormEvent, ReactNode } from "react";
import { FormError, Submit, useAction, valuesOf } from "../components/forms";

export function ActionForm({ title, submit, busyText, onDone, children }: { title: string; submit: string; busyText: string; onDone: (values: Record<string, string>, form: HTMLFormElement) => Promise<unknown>; children: (errors: Record<string, string[]> | undefined) => ReactNode }) {
  const { run, busy, error } = useAction(onDone);
  return (
    <form
      className="card"
      aria-label={title}
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        run(valuesOf(event.currentTarget), event.currentTarget);
      }}
    >
      <h3>{title}</h3>
      {children(error?.fields)}
      <FormError error={error} />
      <Submit busy={busy} busyText={busyText}>
        {submit}
      </Submit>
    </form>
  );
}
