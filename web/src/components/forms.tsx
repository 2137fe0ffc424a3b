import { useCallback, useId, useState, type Ref, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { ApiError, type FieldErrors } from "../api/client";

/** Runs one user action at a time: whether it is busy, and the API error it ended with. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await action(...args);
      } catch (caught) {
        setError(caught instanceof ApiError ? caught : new ApiError(0, "network", "The server could not be reached. Try again."));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, setError };
}

/** The messages the API gave for one field (``languages`` also collects ``languages.0.level``). */
export function messagesFor(fields: FieldErrors | undefined, name: string): string[] {
  if (!fields) return [];
  return Object.entries(fields)
    .filter(([key]) => key === name || key.startsWith(`${name}.`))
    .flatMap(([, messages]) => messages);
}

interface FieldProps {
  label: string;
  name: string;
  errors?: FieldErrors;
  hint?: string;
  children: (props: { id: string; name: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled control with its hint and the API's messages for it right underneath. */
export function Field({ label, name, errors, hint, children }: FieldProps) {
  const id = useId();
  const messages = messagesFor(errors, name);
  const described = [hint ? `${id}-hint` : "", messages.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, "aria-invalid": messages.length > 0, "aria-describedby": described || undefined })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {messages.length > 0 && (
        <p id={`${id}-error`} className="field-error" role="alert" data-field={name}>
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: FieldErrors;
  hint?: string;
  ref?: Ref<HTMLInputElement>;
};

export function TextInput({ label, name, errors, hint, ...rest }: InputProps) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint}>
      {(props) => <input {...props} {...rest} />}
    </Field>
  );
}

type AreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; errors?: FieldErrors; hint?: string };

export function TextArea({ label, name, errors, hint, ...rest }: AreaProps) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint}>
      {(props) => <textarea rows={4} {...props} {...rest} />}
    </Field>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  errors?: FieldErrors;
  options: readonly (readonly [string, string])[];
};

export function Select({ label, name, errors, options, ...rest }: SelectProps) {
  return (
    <Field label={label} name={name} errors={errors}>
      {(props) => (
        <select {...props} {...rest}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A submit button that says it is working and cannot be pressed twice. */
export function Submit({ busy, children, busyText = "Working…" }: { busy: boolean; children: ReactNode; busyText?: string }) {
  return (
    <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {busy ? busyText : children}
    </button>
  );
}

/** The error of a form as a whole (its detail); field messages show next to their inputs. */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {error.detail}
    </p>
  );
}

/** Form values as an object of strings. */
export function valuesOf(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, name) => {
    if (typeof value === "string") values[name] = value;
  });
  return values;
}
