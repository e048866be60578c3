package io.releaseradar.notices;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who a notice is for (contract values); INSTALLED and NOT_YET_UPGRADED also name a recipient's group. */
@Schema(name = "NoticeAudience")
public enum Audience {
    /** Customers running the notice's version. */
    INSTALLED,
    /** Customers of the product on an earlier version: warned before they upgrade. */
    NOT_YET_UPGRADED,
    /** Both. */
    ALL;

    boolean includes(Audience group) {
        return this == ALL || this == group;
    }
}
