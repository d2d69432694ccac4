package io.kyso.signer.portal;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/** Lets controllers declare a {@link Portal} parameter: the portal {@link ApiKeyFilter} authenticated. */
@Singleton
public class PortalArgumentBinder implements TypedRequestArgumentBinder<Portal> {

    @Override
    public Argument<Portal> argumentType() {
        return Argument.of(Portal.class);
    }

    @Override
    public BindingResult<Portal> bind(ArgumentConversionContext<Portal> context, HttpRequest<?> source) {
        return () -> source.getAttribute(ApiKeyFilter.ATTRIBUTE, Portal.class);
    }
}
