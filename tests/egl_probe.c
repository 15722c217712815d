/*
 * egl_probe: load EGL and GLES 2 the way SDL's KMSDRM driver does (dlopen of
 * libEGL.so.1 and libGLESv2.so.2, no link-time dependency), initialise an
 * EGL display, make a GLES 2 context current and print who answers.
 *
 * scripts/check-package.sh runs it inside the arm64 Debian root after the
 * package is installed: if libglvnd finds no vendor library (libegl-mesa0),
 * Mesa no DRI driver (libgl1-mesa-dri) or GLES is missing, it says which step
 * failed and exits 1. There is no DRM device in that root, so it uses Mesa's
 * surfaceless platform (EGL_MESA_platform_surfaceless), which renders with
 * the same DRI megadriver that holds vc4 and v3d (here its software rasteriser).
 *
 * Only dlopen and EGL's stable ABI are used, so it builds with nothing but a
 * C compiler (the cross compiler included): cc -o egl_probe egl_probe.c -ldl
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void *EGLDisplay;
typedef void *EGLConfig;
typedef void *EGLContext;
typedef void *EGLSurface;
typedef int32_t EGLint;
typedef unsigned int EGLBoolean;
typedef unsigned int EGLenum;

#define EGL_NONE 0x3038
#define EGL_VENDOR 0x3053
#define EGL_VERSION 0x3054
#define EGL_EXTENSIONS 0x3055
#define EGL_RENDERABLE_TYPE 0x3040
#define EGL_SURFACE_TYPE 0x3033
#define EGL_PBUFFER_BIT 0x0001
#define EGL_OPENGL_ES2_BIT 0x0004
#define EGL_OPENGL_ES_API 0x30A0
#define EGL_CONTEXT_CLIENT_VERSION 0x3098
#define EGL_PLATFORM_SURFACELESS_MESA 0x31DD
#define GL_RENDERER 0x1F01
#define GL_VERSION 0x1F02

typedef EGLDisplay (*GetPlatformDisplayFn)(EGLenum, void *, const intptr_t *);
typedef EGLBoolean (*InitializeFn)(EGLDisplay, EGLint *, EGLint *);
typedef const char *(*QueryStringFn)(EGLDisplay, EGLint);
typedef EGLBoolean (*BindApiFn)(EGLenum);
typedef EGLBoolean (*ChooseConfigFn)(EGLDisplay, const EGLint *, EGLConfig *, EGLint, EGLint *);
typedef EGLContext (*CreateContextFn)(EGLDisplay, EGLConfig, EGLContext, const EGLint *);
typedef EGLBoolean (*MakeCurrentFn)(EGLDisplay, EGLSurface, EGLSurface, EGLContext);
typedef EGLint (*GetErrorFn)(void);
typedef const unsigned char *(*GetStringFn)(unsigned int);

static int failed(const char *what, GetErrorFn get_error)
{
    if (get_error != NULL)
        fprintf(stderr, "egl_probe: %s failed (EGL error 0x%04x)\n", what, (unsigned)get_error());
    else
        fprintf(stderr, "egl_probe: %s failed: %s\n", what, dlerror());
    return 1;
}

int main(void)
{
    void *egl = dlopen("libEGL.so.1", RTLD_NOW | RTLD_GLOBAL);
    if (egl == NULL)
        return failed("loading libEGL.so.1 (package libegl1)", NULL);
    void *gles = dlopen("libGLESv2.so.2", RTLD_NOW | RTLD_GLOBAL);
    if (gles == NULL)
        return failed("loading libGLESv2.so.2 (package libgles2)", NULL);

    GetPlatformDisplayFn get_platform_display =
        (GetPlatformDisplayFn)dlsym(egl, "eglGetPlatformDisplay");
    InitializeFn initialize = (InitializeFn)dlsym(egl, "eglInitialize");
    QueryStringFn query_string = (QueryStringFn)dlsym(egl, "eglQueryString");
    BindApiFn bind_api = (BindApiFn)dlsym(egl, "eglBindAPI");
    ChooseConfigFn choose_config = (ChooseConfigFn)dlsym(egl, "eglChooseConfig");
    CreateContextFn create_context = (CreateContextFn)dlsym(egl, "eglCreateContext");
    MakeCurrentFn make_current = (MakeCurrentFn)dlsym(egl, "eglMakeCurrent");
    GetErrorFn get_error = (GetErrorFn)dlsym(egl, "eglGetError");
    GetStringFn get_string = (GetStringFn)dlsym(gles, "glGetString");
    if (!get_platform_display || !initialize || !query_string || !bind_api || !choose_config ||
        !create_context || !make_current || !get_error || !get_string)
        return failed("finding the EGL 1.5 / GLES 2 entry points", NULL);

    const char *client_ext = query_string(NULL, EGL_EXTENSIONS);
    if (client_ext == NULL || strstr(client_ext, "EGL_MESA_platform_surfaceless") == NULL) {
        fprintf(stderr,
                "egl_probe: no EGL vendor offers EGL_MESA_platform_surfaceless "
                "(is libegl-mesa0 installed?); client extensions: %s\n",
                client_ext ? client_ext : "(none)");
        return 1;
    }
    EGLDisplay dpy = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, NULL, NULL);
    EGLint major = 0, minor = 0;
    if (dpy == NULL || !initialize(dpy, &major, &minor))
        return failed("eglInitialize on Mesa's surfaceless platform (libgl1-mesa-dri?)", get_error);
    printf("EGL %d.%d, vendor %s, version %s\n", major, minor, query_string(dpy, EGL_VENDOR),
           query_string(dpy, EGL_VERSION));

    /* The default surface type is a window, which a surfaceless display has none of. */
    static const EGLint config_attribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE,
                                            EGL_OPENGL_ES2_BIT, EGL_NONE};
    static const EGLint context_attribs[] = {EGL_CONTEXT_CLIENT_VERSION, 2, EGL_NONE};
    EGLConfig config = NULL;
    EGLint n = 0;
    if (!bind_api(EGL_OPENGL_ES_API) || !choose_config(dpy, config_attribs, &config, 1, &n) ||
        n < 1)
        return failed("choosing a GLES 2 config", get_error);
    EGLContext ctx = create_context(dpy, config, NULL, context_attribs);
    if (ctx == NULL || !make_current(dpy, NULL, NULL, ctx))
        return failed("making a GLES 2 context current", get_error);
    const unsigned char *renderer = get_string(GL_RENDERER);
    const unsigned char *version = get_string(GL_VERSION);
    if (renderer == NULL || version == NULL)
        return failed("glGetString", get_error);
    printf("GLES renderer %s, version %s\n", (const char *)renderer, (const char *)version);
    return 0;
}
