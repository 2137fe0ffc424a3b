import { useEffect, useRef } from "react";
import { listen, type Frame } from "./realtime";

/** Calls ``onFrame`` for the frames of the given types while the component is shown. */
export function useFrames(types: string[], onFrame: (frame: Frame) => void) {
  const handler = useRef(onFrame);
  handler.current = onFrame;
  const key = types.join(",");
  useEffect(() => {
    const wanted = new Set(key.split(","));
    return listen((frame) => {
      if (wanted.has(frame.type)) handler.current(frame);
    });
  }, [key]);
}
