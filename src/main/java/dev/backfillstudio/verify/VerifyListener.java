package dev.backfillstudio.verify;

/** Follows a verify of several days; called on the verifying thread after each day. */
public interface VerifyListener {

    VerifyListener NONE = new VerifyListener() { };

    default void dayVerified(VerifyResult result, int done, int total) {
    }
}
