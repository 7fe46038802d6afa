package io.momentic.analytics.regime;

import java.util.List;
import java.util.Optional;

/**
 * The regime harness's experiment ladder (spec §4.8 table), each with the settings and the
 * comment the reference wrote to its results TSV. exp_008's one-sided gate and exp_009's pinning
 * are specified from the report, not from stored code (spec §6.12).
 */
public final class RegimeLadder {

  private static final String TRIVAR = "trivar_r_vol5_dd200";

  /** The ladder in the order the reference ran it. */
  public static final List<RegimeExperiment.Spec> EXPERIMENTS = List.of(
      RegimeExperiment.Spec.baseline(),
      RegimeExperiment.Spec.proposal("exp_002_proposal_k3", TRIVAR, 3, "mvn_full", "nh_softmax_vix",
          "Proposal: K=3 full-Sigma MVN on (r,vol5,dd200), NH-HMM softmax(VIX). Return-sort labelling."),
      RegimeExperiment.Spec.proposal("exp_003_multivariate_only", TRIVAR, 3, "mvn_full", "homogeneous",
          "Ablation: multivariate obs alone (trivar MVN, homogeneous A). Isolates the observation channel."),
      RegimeExperiment.Spec.proposal("exp_004_nh_only", "drawdown_200", 3, "gaussian", "nh_softmax_vix",
          "Ablation: NH transitions alone (drawdown-200 univariate, softmax(VIX) A). Isolates the transition."),
      RegimeExperiment.Spec.proposal("exp_005_mvt_homog", TRIVAR, 3, "mvt_full", "homogeneous",
          "Phase3: multivariate Student-t (full scale, per-state nu, ECM), homogeneous A."),
      RegimeExperiment.Spec.proposal("exp_006_mvt_nh", TRIVAR, 3, "mvt_full", "nh_softmax_vix",
          "Phase3: multivariate Student-t with NH-HMM softmax(VIX) transitions."),
      RegimeExperiment.Spec.proposal("exp_003_proposal_k4", TRIVAR, 4, "mvn_full", "nh_softmax_vix",
          "Phase2 robustness: exp_002 at K=4. Does a 4th state earn under misclassification? thirds-bucket labels."),
      RegimeExperiment.Spec.proposal("exp_004_diag_sigma", TRIVAR, 3, "mvn_diag", "nh_softmax_vix",
          "Phase2 robustness: exp_002 with diagonal Sigma. Do cross-channel covariance terms earn their keep?"),
      RegimeExperiment.Spec.proposal("exp_007_diag_ddsort", TRIVAR, 3, "mvn_diag", "nh_softmax_vix",
          "Phase3: exp_004 + drawdown-sort labels (order_channel=2). Pin bear to deep-drawdown state; targets 2018.")
          .withOrderChannel(2),
      RegimeExperiment.Spec.proposal("exp_008_diag_vixgate", TRIVAR, 3, "mvn_diag", "nh_softmax_relu_vix",
          "Phase3: exp_004 + one-sided relu(VIX) transition gate. Calm days revert to sticky intercept; targets "
              + "COVID/bull20."),
      RegimeExperiment.Spec.proposal("exp_009_diag_pinned", TRIVAR, 3, "mvn_diag", "nh_softmax_vix",
          "Phase3 (BL-001): exp_004 + identity-pinned state->label map (cold-start, reused on warm refits). Kills "
              + "refit column swaps.").withPinned(true),
      RegimeExperiment.Spec.proposal("exp_010_diag_homog", TRIVAR, 3, "mvn_diag", "homogeneous",
          "Phase3 ablation: winner exp_004 minus NH (diag trivariate, homogeneous A). Does NH-VIX still earn with "
              + "diagonal Sigma?"));

  private RegimeLadder() {}

  public static Optional<RegimeExperiment.Spec> find(String id) {
    return EXPERIMENTS.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
