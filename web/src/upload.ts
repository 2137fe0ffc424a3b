// Multipart uploads with progress: fetch cannot report upload progress, XMLHttpRequest can.
import { ApiError, errorOf, refreshTokens } from "./api/client";

function once(method: string, path: string, form: FormData, onProgress: (fraction: number) => void): Promise<{ status: number; response: Response }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, `/api/v1/${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      const headers = new Headers();
      const retry = xhr.getResponseHeader("Retry-After");
      if (retry) headers.set("Retry-After", retry);
      resolve({ status: xhr.status, response: new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers }) });
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The upload failed: check your connection and try again."));
    xhr.send(form);
  });
}

/** Send ``form`` (multipart) and report the share sent so far; the JSON answer, or an ApiError. */
export async function upload<T>(method: string, path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  let { status, response } = await once(method, path, form, onProgress);
  if (status === 401 && (await refreshTokens())) ({ status, response } = await once(method, path, form, onProgress));
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}
