// JsBarcode's package types cover only its DOM renderer; these are its encoder classes, which the
// label engine uses to get module patterns without a canvas. The file is Babel-compiled CommonJS, so
// depending on the loader the classes sit on the default export or one level further down.
declare module 'jsbarcode/bin/barcodes/index.js' {
  interface EncodedSegment {
    data: string;
    text?: string;
  }
  type EncoderClass = new (
    data: string,
    options: Record<string, unknown>,
  ) => {
    valid(): boolean;
    encode(): EncodedSegment | EncodedSegment[];
  };
  type Encoders = Record<string, EncoderClass | undefined>;
  const encoders: Encoders & { default?: Encoders };
  export default encoders;
}
