// The package ships no types; this declares the part SuperPlane uses.
declare module "ml-logistic-regression" {
  import type { Matrix } from "ml-matrix";

  interface TwoClassClassifier {
    weights: Matrix;
    testScores(features: Matrix): number[];
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: TwoClassClassifier[];
    train(features: Matrix, classes: Matrix): void;
    predict(features: Matrix): number[];
  }
}
